package org.chuanbo.generator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * The broken records a consumer of {@code chuanbo.events} must reject: bytes the codec refuses, and
 * events that decode but fail validation at their send time. Built from a real event, so that they
 * look like what a faulty collector or producer sends. The same for {@code
 * chuanbo.platform_counts}, built from a real report ({@link #makePlatformCount}).
 *
 * <p>Consumers' tests that must handle every kind ask for one of a given kind with {@link
 * #event(Malformation, DisseminationEvent, Article, long)} and {@link
 * #platformCount(PlatformMalformation, PlatformCount, long)}.
 */
public final class MalformedRecords {

  /** The ways a record is broken; each one is rejected by decode or by validate. */
  public enum Malformation {
    /** Cut short in transit: the codec says TOO_SHORT or TRUNCATED_BODY. */
    TRUNCATED,
    /** Not ours at all: random bytes (BAD_MARKER or TOO_SHORT). */
    GARBAGE,
    /** A producer configured to send JSON: starts with '{' (BAD_MARKER). */
    JSON_INSTEAD_OF_AVRO,
    /** A schema version nobody released (UNKNOWN_SCHEMA). */
    UNKNOWN_FINGERPRINT,
    /** An Article written to the events topic (WRONG_RECORD). */
    ARTICLE_ON_EVENTS_TOPIC,
    /** Decodes; a negative engaged time (INVALID_VALUE). */
    NEGATIVE_DURATION,
    /** Decodes; event time in microseconds sent as milliseconds, far in the future. */
    TIME_IN_MICROSECONDS,
    /** Decodes; event time in seconds sent as milliseconds, in January 1970. */
    TIME_IN_SECONDS,
    /** Decodes; a SHARE that opens no share (MISSING_VALUE). */
    SHARE_WITHOUT_ID,
    /** Decodes; a REPOST that names no outlet (MISSING_VALUE). */
    REPOST_WITHOUT_OUTLET,
    /** Decodes; a channel this reader does not know, from a newer writer (UNKNOWN_SYMBOL). */
    NEWER_CHANNEL
  }

  private static final Malformation[] ALL = Malformation.values();

  /** The ways a platform report is broken; each one is rejected by decode or by validate. */
  public enum PlatformMalformation {
    /** Cut short in transit: TOO_SHORT or TRUNCATED_BODY. */
    TRUNCATED,
    /** A schema version nobody released (UNKNOWN_SCHEMA). */
    UNKNOWN_FINGERPRINT,
    /** Decodes; a negative count (INVALID_VALUE). */
    NEGATIVE_COUNT,
    /**
     * Decodes; day set two days later (as_of is taken the morning after the day it covers), so
     * as_of lies before the day began (INVALID_VALUE).
     */
    TAKEN_BEFORE_ITS_DAY,
    /** Decodes; a channel this reader does not know, from a newer writer (UNKNOWN_SYMBOL). */
    NEWER_CHANNEL
  }

  private static final PlatformMalformation[] ALL_PLATFORM = PlatformMalformation.values();

  private final AvroSingleObjectCodec events;
  private final AvroSingleObjectCodec articles;
  private final AvroSingleObjectCodec platformCounts;
  private final SchemaCatalog catalog;

  MalformedRecords(
      SchemaCatalog catalog,
      AvroSingleObjectCodec events,
      AvroSingleObjectCodec articles,
      AvroSingleObjectCodec platformCounts) {
    this.catalog = catalog;
    this.events = events;
    this.articles = articles;
    this.platformCounts = platformCounts;
  }

  /**
   * One broken record of the given kind made from {@code event} (the article it is about stands in
   * for ARTICLE_ON_EVENTS_TOPIC), with the random choices {@code seed} makes.
   */
  public static byte[] event(
      Malformation kind, DisseminationEvent event, Article article, long seed) {
    MalformedRecords records = released();
    byte[] encoded = records.encode(event);
    return records.make(
        kind, event, encoded, article, "malformed-" + seed, SeededRandom.forPurpose(seed, "kind"));
  }

  /** One broken report of the given kind made from {@code report}. */
  public static byte[] platformCount(PlatformMalformation kind, PlatformCount report, long seed) {
    MalformedRecords records = released();
    byte[] encoded = records.encode(report);
    return records.makePlatformCount(
        kind, report, encoded, "malformed-" + seed, SeededRandom.forPurpose(seed, "kind"));
  }

  private static MalformedRecords released() {
    SchemaCatalog catalog = SchemaCatalog.released();
    return new MalformedRecords(
        catalog,
        AvroSingleObjectCodec.forRecord(catalog, DisseminationEvent.AVRO_NAME),
        AvroSingleObjectCodec.forRecord(catalog, Article.AVRO_NAME),
        AvroSingleObjectCodec.forRecord(catalog, PlatformCount.AVRO_NAME));
  }

  /**
   * A broken record made from {@code event} (whose correct bytes are {@code encoded}); the
   * decodable ones carry {@code freshEventId}, so they never share an id with a valid event.
   */
  byte[] make(
      DisseminationEvent event,
      byte[] encoded,
      Article article,
      String freshEventId,
      SeededRandom random) {
    Malformation kind = ALL[random.nextInt(ALL.length)];
    return make(kind, event, encoded, article, freshEventId, random);
  }

  private byte[] make(
      Malformation kind,
      DisseminationEvent event,
      byte[] encoded,
      Article article,
      String freshEventId,
      SeededRandom random) {
    DisseminationEvent.Builder invalid = event.toBuilder().eventId(freshEventId);
    return switch (kind) {
      case TRUNCATED -> Arrays.copyOf(encoded, 1 + random.nextInt(encoded.length - 1));
      case GARBAGE -> garbage(random);
      case JSON_INSTEAD_OF_AVRO -> json(event);
      case UNKNOWN_FINGERPRINT -> withUnknownFingerprint(encoded, random);
      case ARTICLE_ON_EVENTS_TOPIC -> articles.encode(article.toGenericRecord(articles.schema()));
      case NEGATIVE_DURATION -> encode(invalid.durationMs(-random.between(1, 600_000)).build());
      case TIME_IN_MICROSECONDS ->
          encode(invalid.eventTime(java.time.Instant.ofEpochMilli(millis(event) * 1_000)).build());
      case TIME_IN_SECONDS ->
          encode(invalid.eventTime(java.time.Instant.ofEpochMilli(millis(event) / 1_000)).build());
      case SHARE_WITHOUT_ID ->
          encode(invalid.eventType(EventType.SHARE).shareId(null).outlet(null).build());
      case REPOST_WITHOUT_OUTLET ->
          encode(invalid.eventType(EventType.REPOST).outlet(null).shareId(null).build());
      case NEWER_CHANNEL -> encode(invalid.channel(Channel.UNKNOWN).build());
    };
  }

  /**
   * A broken record made from {@code report} (whose correct bytes are {@code encoded}); the
   * decodable ones carry {@code freshReportId}, so they never share an id with a valid report.
   */
  byte[] makePlatformCount(
      PlatformCount report, byte[] encoded, String freshReportId, SeededRandom random) {
    PlatformMalformation kind = ALL_PLATFORM[random.nextInt(ALL_PLATFORM.length)];
    return makePlatformCount(kind, report, encoded, freshReportId, random);
  }

  private byte[] makePlatformCount(
      PlatformMalformation kind,
      PlatformCount report,
      byte[] encoded,
      String freshReportId,
      SeededRandom random) {
    return switch (kind) {
      case TRUNCATED -> Arrays.copyOf(encoded, 1 + random.nextInt(encoded.length - 1));
      case UNKNOWN_FINGERPRINT -> withUnknownFingerprint(encoded, random);
      case NEGATIVE_COUNT ->
          encode(
              new PlatformCount(
                  freshReportId,
                  report.articleId(),
                  report.channel(),
                  report.day(),
                  report.asOf(),
                  -1 - random.nextInt(1_000),
                  report.shares(),
                  report.likes(),
                  report.comments()));
      case TAKEN_BEFORE_ITS_DAY ->
          encode(
              new PlatformCount(
                  freshReportId,
                  report.articleId(),
                  report.channel(),
                  report.day().plusDays(2),
                  report.asOf(),
                  report.views(),
                  report.shares(),
                  report.likes(),
                  report.comments()));
      case NEWER_CHANNEL ->
          encode(
              new PlatformCount(
                  freshReportId,
                  report.articleId(),
                  Channel.UNKNOWN,
                  report.day(),
                  report.asOf(),
                  report.views(),
                  report.shares(),
                  report.likes(),
                  report.comments()));
    };
  }

  private byte[] encode(PlatformCount report) {
    return platformCounts.encode(report.toGenericRecord(platformCounts.schema()));
  }

  private byte[] encode(DisseminationEvent event) {
    return events.encode(event.toGenericRecord(events.schema()));
  }

  private static long millis(DisseminationEvent event) {
    return event.eventTime().toEpochMilli();
  }

  private static byte[] garbage(SeededRandom random) {
    byte[] bytes = new byte[1 + random.nextInt(120)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextLong();
    }
    if (bytes[0] == (byte) 0xC3) {
      bytes[0] = 0x00; // never the single-object marker by chance
    }
    return bytes;
  }

  private byte[] withUnknownFingerprint(byte[] encoded, SeededRandom random) {
    long fingerprint = random.nextLong();
    while (catalog.byFingerprint(fingerprint).isPresent()) {
      fingerprint = random.nextLong();
    }
    byte[] bytes = encoded.clone();
    ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint);
    return bytes;
  }

  /** The event as a JSON-speaking collector would send it, instead of Avro. */
  private static byte[] json(DisseminationEvent event) {
    com.fasterxml.jackson.databind.node.ObjectNode json = JSON.createObjectNode();
    json.put("event_id", event.eventId());
    json.put("event_type", event.eventType().name());
    json.put("event_time", millis(event));
    json.put("article_id", event.articleId());
    json.put("channel", event.channel().name());
    json.put("user_id", event.userId());
    try {
      return JSON.writeValueAsBytes(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
}
