package org.chuanbo.jobs.corpus;

import static org.chuanbo.jobs.corpus.AvroValues.bytes;
import static org.chuanbo.jobs.corpus.AvroValues.concat;
import static org.chuanbo.jobs.corpus.AvroValues.index;
import static org.chuanbo.jobs.corpus.AvroValues.longValue;
import static org.chuanbo.jobs.corpus.AvroValues.present;
import static org.chuanbo.jobs.corpus.AvroValues.string;
import static org.chuanbo.jobs.corpus.AvroValues.utf8;
import static org.chuanbo.jobs.corpus.ExpectedOutcome.rejected;
import static org.chuanbo.jobs.corpus.ExpectedOutcome.stored;
import static org.chuanbo.schemas.RejectReason.BAD_MARKER;
import static org.chuanbo.schemas.RejectReason.INVALID_VALUE;
import static org.chuanbo.schemas.RejectReason.MALFORMED_BODY;
import static org.chuanbo.schemas.RejectReason.MISSING_VALUE;
import static org.chuanbo.schemas.RejectReason.TOO_SHORT;
import static org.chuanbo.schemas.RejectReason.TRAILING_BYTES;
import static org.chuanbo.schemas.RejectReason.TRUNCATED_BODY;
import static org.chuanbo.schemas.RejectReason.UNKNOWN_SCHEMA;
import static org.chuanbo.schemas.RejectReason.UNKNOWN_SYMBOL;
import static org.chuanbo.schemas.RejectReason.WRONG_RECORD;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.records.Terminal;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * How every record of the bad-record corpus is made, one recipe per entry. The corpus is data (the
 * files under {@code bad-records/}); these recipes are its documentation and its generator, and a
 * test checks that the two agree.
 *
 * <p>Every time in the corpus is fixed, either long past (but after 2000) or absurdly far ahead, so
 * an entry's expected outcome does not depend on the day the tests run. Every decodable record is
 * about an article whose id starts with {@value #ARTICLE_PREFIX}, which keeps the stored ones apart
 * from the generated traffic the corpus is interleaved with.
 */
public final class CorpusRecipes {

  /** Prefix of every article id in the corpus. */
  public static final String ARTICLE_PREFIX = "corpus-";

  /** The article most corpus events are about; its article record is in the corpus too. */
  static final String ARTICLE = "corpus-article";

  /** The event time of the corpus's valid records: long past, after every horizon. */
  static final Instant WHEN = Instant.parse("2025-05-20T02:30:00.250Z");

  /** A fingerprint no schema of ours has. */
  static final long UNKNOWN_FINGERPRINT = 0x0123_4567_89AB_CDEFL;

  private static final SchemaCatalog CATALOG = SchemaCatalog.released();
  private static final AvroSingleObjectCodec EVENTS =
      AvroSingleObjectCodec.forRecord(CATALOG, DisseminationEvent.AVRO_NAME);
  private static final AvroSingleObjectCodec ARTICLES =
      AvroSingleObjectCodec.forRecord(CATALOG, Article.AVRO_NAME);
  private static final AvroSingleObjectCodec PLATFORM_COUNTS =
      AvroSingleObjectCodec.forRecord(CATALOG, PlatformCount.AVRO_NAME);

  private final List<CorpusEntry> entries = new ArrayList<>();

  private CorpusRecipes() {}

  /** Every corpus entry, in manifest order. */
  public static List<CorpusEntry> entries() {
    CorpusRecipes recipes = new CorpusRecipes();
    recipes.bytesThatAreNotAMessage();
    recipes.truncations();
    recipes.foreignFormatsAndSchemas();
    recipes.malformedBodies();
    recipes.impossibleTimes();
    recipes.impossibleDurations();
    recipes.missingValues();
    recipes.unknownSymbols();
    recipes.platformCounts();
    recipes.articles();
    recipes.trickyButValid();
    return List.copyOf(recipes.entries);
  }

  // ---------------------------------------------------------------------------------------------
  // chuanbo.events: bytes

  private void bytesThatAreNotAMessage() {
    Random random = new Random(20261101L);
    byte[] noise = new byte[64];
    random.nextBytes(noise);
    noise[0] = 0x5A; // never the marker's C3 by chance
    event("random-bytes", BAD_MARKER, "64 seeded random bytes: nobody's record", noise);
    byte[] shortNoise = new byte[7];
    random.nextBytes(shortNoise);
    event(
        "random-bytes-short",
        TOO_SHORT,
        "7 random bytes, fewer than the 10-byte header",
        shortNoise);
    event("empty-value", TOO_SHORT, "a record with a zero-length value", new byte[0]);
    entries.add(
        new CorpusEntry(
            "null-value",
            Topics.EVENTS,
            Arrays.asList((byte[]) null),
            rejected(TOO_SHORT),
            "a Kafka record without a value (a tombstone on a topic that is not compacted)"));
    event("marker-only", TOO_SHORT, "the marker C3 01 and nothing else", bytes(0xC3, 0x01));
    event(
        "marker-bytes-swapped",
        BAD_MARKER,
        "01 C3: the marker written little-endian by a hand-rolled producer",
        swapMarker(view("marker-bytes-swapped").bytes()));
    byte[] version2Marker = view("marker-version-02").bytes();
    version2Marker[1] = 0x02;
    event(
        "marker-version-02",
        BAD_MARKER,
        "C3 02: a marker version that does not exist",
        version2Marker);
  }

  private void truncations() {
    RecordBytes valid = view("cut");
    event(
        "cut-inside-fingerprint",
        TOO_SHORT,
        "cut after 6 bytes, inside the header's fingerprint",
        Arrays.copyOf(valid.bytes(), 6));
    event(
        "header-without-body",
        TRUNCATED_BODY,
        "a complete header for DisseminationEvent v1, then nothing",
        Arrays.copyOf(valid.bytes(), AvroSingleObjectCodec.HEADER_SIZE));
    event(
        "cut-inside-string",
        TRUNCATED_BODY,
        "cut 4 bytes into event_id, whose length says more follow",
        valid.cutInside("event_id", 5));
    event(
        "cut-inside-varint",
        TRUNCATED_BODY,
        "cut inside event_time's 6-byte varint: the last byte read still says 'more'",
        valid.cutInside("event_time", 3));
    event(
        "cut-inside-chinese-character",
        TRUNCATED_BODY,
        "cut after the first byte of region's first 3-byte UTF-8 character (广)",
        valid.cutInside("region", 3));
    event(
        "cut-before-optional-field",
        TRUNCATED_BODY,
        "cut just before person_id's union branch index",
        valid.cutBefore("person_id"));
    event(
        "cut-inside-map",
        TRUNCATED_BODY,
        "cut after the attributes map's item count, before its first key",
        valid.cutInside("attributes", 1));
    byte[] whole = valid.bytes();
    event(
        "cut-last-byte",
        TRUNCATED_BODY,
        "everything but the last byte: the map's end-of-blocks zero",
        Arrays.copyOf(whole, whole.length - 1));
  }

  private void foreignFormatsAndSchemas() {
    event(
        "json-instead-of-avro",
        BAD_MARKER,
        "a collector configured to send JSON: the event as a JSON object",
        json());
    event(
        "avro-container-file",
        BAD_MARKER,
        "the event as an Avro object container file (magic Obj 01, schema, sync markers)",
        containerFile(generic(viewEvent("avro-container-file"))));
    byte[] body = view("confluent-wire-format").body();
    event(
        "confluent-wire-format",
        BAD_MARKER,
        "Confluent's framing (magic 00, 4-byte registry id 42) around a valid body",
        concat(bytes(0x00, 0x00, 0x00, 0x00, 0x2A), body));
    event(
        "unknown-fingerprint",
        UNKNOWN_SCHEMA,
        "a valid body behind fingerprint 0123456789abcdef, which no schema has",
        view("unknown-fingerprint").withFingerprint(UNKNOWN_FINGERPRINT).bytes());
    event(
        "zero-fingerprint",
        UNKNOWN_SCHEMA,
        "a valid body behind an all-zero fingerprint (a producer that never computed one)",
        view("zero-fingerprint").withFingerprint(0L).bytes());
    event(
        "newer-producer-new-event-type",
        UNKNOWN_SCHEMA,
        "written by a newer producer with an unreleased schema whose EventType adds FAVORITE",
        newerProducerFavorite());
    event(
        "article-on-events-topic",
        WRONG_RECORD,
        "a valid Article record sent to the events topic",
        encode(article("article-on-events-topic", a -> a)));
    event(
        "platform-count-on-events-topic",
        WRONG_RECORD,
        "a valid PlatformCount record sent to the events topic",
        encode(platformCount("platform-count-on-events-topic", 1_523, 87, 41, 12)));
    event(
        "trailing-bytes",
        TRAILING_BYTES,
        "a valid event followed by DE AD BE EF",
        concat(view("trailing-bytes").bytes(), bytes(0xDE, 0xAD, 0xBE, 0xEF)));
    event(
        "two-events-in-one-value",
        TRAILING_BYTES,
        "two complete events in one Kafka value (a batching producer)",
        concat(view("two-events-in-one-value").bytes(), view("two-events-second").bytes()));
  }

  private void malformedBodies() {
    event(
        "negative-string-length",
        MALFORMED_BODY,
        "event_id's length varint says -5",
        view("negative-string-length")
            .with("event_id", concat(longValue(-5), bytes(1, 2, 3, 4, 5)))
            .bytes());
    event(
        "overlong-long-varint",
        MALFORMED_BODY,
        "event_time as an 11-byte varint (a long takes at most 10)",
        view("overlong-long-varint")
            .with(
                "event_time",
                bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01))
            .bytes());
    event(
        "overlong-int-varint",
        MALFORMED_BODY,
        "event_type's enum index as a 6-byte varint (an int takes at most 5)",
        view("overlong-int-varint")
            .with("event_type", bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x00))
            .bytes());
    event(
        "string-length-past-broker-limit",
        TRUNCATED_BODY,
        "event_id claims 2 GiB, more than any Kafka record holds; must not be allocated",
        view("string-length-past-broker-limit")
            .with("event_id", concat(longValue(1L << 31), string("x")))
            .bytes());
    event(
        "map-count-past-broker-limit",
        TRUNCATED_BODY,
        "attributes claims 10^12 entries; must not be allocated",
        view("map-count-past-broker-limit")
            .with("attributes", concat(longValue(1_000_000_000_000L), string("k"), string("v")))
            .bytes());
    event(
        "map-block-size-wrong",
        MALFORMED_BODY,
        "a map block of 1 item that declares 3 bytes, whose item takes 4",
        view("map-block-size-wrong")
            .with(
                "attributes",
                concat(longValue(-1), longValue(3), string("k"), string("v"), longValue(0)))
            .bytes());
    event(
        "map-count-long-min",
        MALFORMED_BODY,
        "attributes' block count is Long.MIN_VALUE, which has no positive count",
        view("map-count-long-min").with("attributes", longValue(Long.MIN_VALUE)).bytes());
    event(
        "invalid-utf8-in-id",
        MALFORMED_BODY,
        "article_id holds C3 28, an invalid UTF-8 sequence",
        view("invalid-utf8-in-id").with("article_id", utf8(bytes('c', 'o', 0xC3, 0x28))).bytes());
    event(
        "overlong-utf8",
        MALFORMED_BODY,
        "user_id holds C0 AF, the over-long encoding of '/' (a classic filter bypass)",
        view("overlong-utf8").with("user_id", utf8(bytes(0xC0, 0xAF))).bytes());
    event(
        "utf8-encoded-surrogate",
        MALFORMED_BODY,
        "region holds ED A0 80, a UTF-16 surrogate encoded as UTF-8 (CESU-8)",
        view("utf8-encoded-surrogate")
            .with("region", present(utf8(bytes(0xED, 0xA0, 0x80))))
            .bytes());
    event(
        "invalid-utf8-in-map-key",
        MALFORMED_BODY,
        "an attributes key holding the byte FF, never valid in UTF-8",
        view("invalid-utf8-in-map-key")
            .with("attributes", concat(longValue(1), utf8(bytes(0xFF)), string("v"), longValue(0)))
            .bytes());
    event(
        "enum-index-out-of-range",
        MALFORMED_BODY,
        "event_type index 6; EventType has symbols 0..5",
        view("enum-index-out-of-range").with("event_type", index(6)).bytes());
    event(
        "negative-enum-index",
        MALFORMED_BODY,
        "channel index -1",
        view("negative-enum-index").with("channel", index(-1)).bytes());
    event(
        "union-index-out-of-range",
        MALFORMED_BODY,
        "person_id's union branch 2; the union [null, string] has branches 0..1",
        view("union-index-out-of-range").with("person_id", concat(index(2), string("p"))).bytes());
  }

  // ---------------------------------------------------------------------------------------------
  // chuanbo.events: values

  private void impossibleTimes() {
    long when = WHEN.toEpochMilli();
    time("event-time-1970", Instant.EPOCH, "event_time 0: a collector's zero");
    time(
        "event-time-seconds-as-millis",
        Instant.ofEpochMilli(when / 1_000),
        "epoch seconds sent as milliseconds: January 1970");
    time(
        "event-time-microseconds-as-millis",
        Instant.ofEpochMilli(when * 1_000),
        "epoch microseconds sent as milliseconds: the year 57,000");
    time(
        "event-time-year-9999",
        Instant.parse("9999-12-31T23:59:59.999Z"),
        "the last millisecond of 9999: far future, past every DateTime64");
    time("event-time-long-max", Instant.ofEpochMilli(Long.MAX_VALUE), "event_time Long.MAX_VALUE");
    time("event-time-long-min", Instant.ofEpochMilli(Long.MIN_VALUE), "event_time Long.MIN_VALUE");
    time(
        "event-time-before-horizon",
        Instant.parse("1999-12-31T23:59:59.999Z"),
        "one millisecond before 2000-01-01, the earliest event time");
  }

  private void impossibleDurations() {
    duration("duration-negative", -1L, "duration_ms -1");
    duration("duration-long-min", Long.MIN_VALUE, "duration_ms Long.MIN_VALUE");
    duration("duration-long-max", Long.MAX_VALUE, "duration_ms Long.MAX_VALUE");
    duration("duration-past-24h", 86_400_001L, "one millisecond longer than a day");
    long half = Long.MAX_VALUE / 2 + 1;
    entries.add(
        new CorpusEntry(
            "duration-sum-past-long-max",
            Topics.EVENTS,
            List.of(
                encode(
                    viewEvent("duration-sum-past-long-max-1").toBuilder().durationMs(half).build()),
                encode(
                    viewEvent("duration-sum-past-long-max-2").toBuilder()
                        .durationMs(half)
                        .build())),
            rejected(INVALID_VALUE),
            "two VIEWs of one article, channel and minute of 2^62 ms each: summed, past 2^63"));
  }

  private void missingValues() {
    value(
        "share-without-share-id",
        MISSING_VALUE,
        "a SHARE that opens no share",
        b -> b.eventType(EventType.SHARE).shareId(null));
    value(
        "share-with-blank-share-id",
        MISSING_VALUE,
        "a SHARE whose share_id is three spaces",
        b -> b.eventType(EventType.SHARE).shareId("   "));
    value(
        "repost-without-outlet",
        MISSING_VALUE,
        "a REPOST that names no outlet",
        b -> b.eventType(EventType.REPOST).outlet(null));
    value(
        "repost-with-empty-outlet",
        MISSING_VALUE,
        "a REPOST whose outlet is the empty string",
        b -> b.eventType(EventType.REPOST).outlet(""));
    value("blank-user-id", MISSING_VALUE, "user_id is the empty string", b -> b.userId(""));
    value(
        "user-id-ideographic-space",
        MISSING_VALUE,
        "user_id is U+3000 IDEOGRAPHIC SPACE, blank in a Chinese input method",
        b -> b.userId("\u3000"));
    value("blank-article-id", MISSING_VALUE, "article_id is one space", b -> b.articleId(" "));
    value("empty-event-id", MISSING_VALUE, "event_id is the empty string", b -> b.eventId(""));
    value(
        "share-through-itself",
        INVALID_VALUE,
        "a SHARE whose via_share_id is its own share_id: a cycle in the cascade",
        b -> b.eventType(EventType.SHARE).shareId("corpus-s1").viaShareId("corpus-s1"));
    Map<String, String> hugeNote = new TreeMap<>(Map.of("note", "x".repeat(700 * 1024)));
    value(
        "huge-invalid-record",
        INVALID_VALUE,
        "700 KiB of attributes and a negative duration: its dead letter is cut to 512 KiB",
        b -> b.attributes(hugeNote).durationMs(-1L));
  }

  private void unknownSymbols() {
    value(
        "unknown-event-type",
        UNKNOWN_SYMBOL,
        "event_type UNKNOWN: what a reader sees for a newer writer's symbol",
        b -> b.eventType(EventType.UNKNOWN));
    value(
        "unknown-channel",
        UNKNOWN_SYMBOL,
        "channel UNKNOWN: a channel added by a newer writer",
        b -> b.channel(Channel.UNKNOWN));
  }

  // ---------------------------------------------------------------------------------------------
  // chuanbo.platform_counts

  private void platformCounts() {
    RecordBytes valid =
        RecordBytes.of(PLATFORM_COUNTS, generic(platformCount("pc", 1_523, 87, 41, 12)));
    count(
        "pc-truncated",
        TRUNCATED_BODY,
        "a platform report cut inside its views varint",
        valid.cutInside("views", 1));
    count(
        "pc-unknown-fingerprint",
        UNKNOWN_SCHEMA,
        "a valid report body behind an unknown fingerprint",
        valid.withFingerprint(UNKNOWN_FINGERPRINT).bytes());
    count(
        "pc-event-on-platform-topic",
        WRONG_RECORD,
        "a valid event sent to the platform-counts topic",
        view("pc-event-on-platform-topic").bytes());
    count(
        "pc-trailing-bytes",
        TRAILING_BYTES,
        "a valid report followed by one zero byte",
        concat(valid.bytes(), bytes(0)));
    count(
        "pc-channel-index-out-of-range",
        MALFORMED_BODY,
        "channel index 7; Channel has symbols 0..6",
        valid.with("channel", index(7)).bytes());
    count(
        "pc-invalid-utf8-in-id",
        MALFORMED_BODY,
        "report_id holds E4 B8, a 3-byte character cut after 2",
        valid.with("report_id", utf8(bytes(0xE4, 0xB8))).bytes());
    LocalDate day = LocalDate.of(2025, 5, 19);
    Instant asOf = Instant.parse("2025-05-20T00:00:00.250Z");
    report("pc-negative-views", INVALID_VALUE, "views -1", p -> withCounts(p, -1, 87, 41, 12));
    report(
        "pc-comments-long-min",
        INVALID_VALUE,
        "comments Long.MIN_VALUE",
        p -> withCounts(p, 1_523, 87, 41, Long.MIN_VALUE));
    report(
        "pc-blank-report-id",
        MISSING_VALUE,
        "report_id is the empty string",
        p -> new PlatformCount("", p.articleId(), p.channel(), p.day(), p.asOf(), 1, 0, 0, 0));
    report(
        "pc-blank-article-id",
        MISSING_VALUE,
        "article_id is a tab",
        p -> new PlatformCount(p.reportId(), "\t", p.channel(), p.day(), p.asOf(), 1, 0, 0, 0));
    report(
        "pc-unknown-channel",
        UNKNOWN_SYMBOL,
        "channel UNKNOWN: a platform added by a newer writer",
        p ->
            new PlatformCount(p.reportId(), p.articleId(), Channel.UNKNOWN, day, asOf, 1, 0, 0, 0));
    report(
        "pc-day-before-2000",
        INVALID_VALUE,
        "day 1999-12-31, before the earliest day",
        p -> atDay(p, LocalDate.of(1999, 12, 31), Instant.parse("2000-01-01T00:00:00Z")));
    report(
        "pc-day-year-9999",
        INVALID_VALUE,
        "day 9999-12-31: far future, past ClickHouse's Date",
        p -> atDay(p, LocalDate.of(9999, 12, 31), asOf));
    report(
        "pc-day-int-max",
        INVALID_VALUE,
        "day Integer.MAX_VALUE days after 1970",
        p -> atDay(p, LocalDate.ofEpochDay(Integer.MAX_VALUE), asOf));
    report(
        "pc-day-int-min",
        INVALID_VALUE,
        "day Integer.MIN_VALUE days after 1970",
        p -> atDay(p, LocalDate.ofEpochDay(Integer.MIN_VALUE), asOf));
    report(
        "pc-as-of-before-its-day",
        INVALID_VALUE,
        "taken 2025-05-18 20:00 Shanghai for the day 2025-05-19",
        p -> atDay(p, day, Instant.parse("2025-05-18T12:00:00Z")));
    report(
        "pc-as-of-year-9999",
        INVALID_VALUE,
        "as_of in 9999, which would win over every later revision",
        p -> atDay(p, day, Instant.parse("9999-12-31T00:00:00Z")));
    entries.add(
        new CorpusEntry(
            "pc-views-long-max-two-days",
            Topics.PLATFORM_COUNTS,
            List.of(
                encode(
                    atDay(
                        withCounts(
                            platformCount("pc-views-long-max-two-days-1", 0, 0, 0, 0),
                            Long.MAX_VALUE,
                            0,
                            0,
                            0),
                        day.minusDays(1),
                        asOf.minusSeconds(86_400))),
                encode(
                    withCounts(
                        platformCount("pc-views-long-max-two-days-2", 0, 0, 0, 0),
                        Long.MAX_VALUE,
                        0,
                        0,
                        0))),
            rejected(INVALID_VALUE),
            "views Long.MAX_VALUE on two days of one article: the article's total passes 2^63"));
    report(
        "pc-all-counts-long-max",
        INVALID_VALUE,
        "every count Long.MAX_VALUE: their sum (engagements) passes 2^63",
        p -> withCounts(p, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
    report(
        "pc-views-past-limit",
        INVALID_VALUE,
        "views 10^10 + 1, more than any platform counts for one piece in one day",
        p -> withCounts(p, 10_000_000_001L, 0, 0, 0));
  }

  // ---------------------------------------------------------------------------------------------
  // chuanbo.articles

  private void articles() {
    RecordBytes valid = RecordBytes.of(ARTICLES, generic(article("article-cut", a -> a)));
    articleBytes(
        "article-truncated",
        TRUNCATED_BODY,
        "an article cut 4 bytes into its Chinese title",
        valid.cutInside("title", 5));
    articleBytes(
        "event-on-articles-topic",
        WRONG_RECORD,
        "a valid event sent to the articles topic",
        view("event-on-articles-topic").bytes());
    articleBytes(
        "article-content-type-out-of-range",
        MALFORMED_BODY,
        "content_type index 6; ContentType has symbols 0..5",
        valid.with("content_type", index(6)).bytes());
    articleValue(
        "article-unknown-office",
        INVALID_VALUE,
        "office gx, none of the six offices",
        a -> withOffice(a, "gx"));
    articleValue(
        "article-blank-title",
        MISSING_VALUE,
        "title is one space",
        a ->
            new Article(
                a.articleId(),
                " ",
                a.office(),
                null,
                a.contentType(),
                a.editor(),
                a.publishedAt(),
                a.updatedAt()));
    articleValue(
        "article-published-long-min",
        INVALID_VALUE,
        "published_at Long.MIN_VALUE: no DateTime64 holds it",
        a -> withTimes(a, Instant.ofEpochMilli(Long.MIN_VALUE), a.updatedAt()));
    articleValue(
        "article-published-year-9999",
        INVALID_VALUE,
        "published_at in 9999: not a schedule, a placeholder",
        a -> withTimes(a, Instant.parse("9999-12-31T00:00:00Z"), a.updatedAt()));
    articleValue(
        "article-updated-1970",
        INVALID_VALUE,
        "updated_at 0: a CMS's zero",
        a -> withTimes(a, a.publishedAt(), Instant.EPOCH));
  }

  // ---------------------------------------------------------------------------------------------
  // Tricky but valid: stored, and stored as sent

  private void trickyButValid() {
    entries.add(
        new CorpusEntry(
            "article-title-with-control-characters",
            Topics.ARTICLES,
            List.of(
                encode(
                    new Article(
                        ARTICLE,
                        "党旗如画\u0000\u0007\u001b[31m红色管家\u001b[0m\r\n\u202e末尾",
                        "fc",
                        "《党旗如画》",
                        ContentType.VIDEO,
                        "corpus-editor",
                        Instant.parse("2025-05-01T00:00:00Z"),
                        Instant.parse("2025-05-01T00:00:00Z")))),
            stored("length(title)=46"),
            "the corpus events' article; NUL, BEL, ANSI escapes, CR LF and RTL override kept as-is"));
    storedEvent(
        "duration-exactly-24h",
        "a view of exactly one day: the longest duration allowed",
        b -> b.durationMs(86_400_000L),
        "duration_ms=86400000");
    storedEvent(
        "duration-zero",
        "a view of zero ms: counted, with engaged time 0",
        b -> b.durationMs(0L),
        "duration_ms=0");
    storedEvent(
        "event-time-exactly-2000",
        "event_time 2000-01-01T00:00:00Z, the earliest allowed",
        b -> b.eventTime(Instant.parse("2000-01-01T00:00:00Z")),
        "toUnixTimestamp64Milli(event_time)=946684800000");
    storedEvent(
        "huge-region",
        "region of 900 KiB (贺州 × 153,600): within the broker's 1 MiB, stored whole",
        b -> b.region("贺州".repeat(153_600)),
        "length(region)=921600");
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 20_000; i++) {
      many.put(String.format("k%05d", i), "v");
    }
    storedEvent(
        "attributes-with-20000-entries",
        "a map of 20,000 attributes",
        b -> b.attributes(many),
        "length(attributes)=20000");
    storedEvent(
        "outlet-with-emoji-and-nul",
        "a REPOST whose outlet holds NUL and a supplementary-plane emoji",
        b -> b.eventType(EventType.REPOST).outlet("今日头条\u0000\uD83D\uDE00"),
        "length(outlet)=17");
    storedEvent(
        "terminal-other",
        "terminal OTHER, which also stands for a newer writer's devices",
        b -> b.terminal(Terminal.OTHER),
        "terminal=OTHER");
    storedEvent(
        "blank-person-id-is-no-person",
        "person_id '' is no person: reach counts channel:user, not one person for every blank",
        b -> b.personId(""),
        "isNull(person_id)=1",
        "startsWith(reach_key, 'u:')=1");
    storedEvent(
        "view-via-blank-share-is-direct",
        "via_share_id '' is no share: a direct view",
        b -> b.viaShareId(""),
        "isNull(via_share_id)=1");
    List<byte[]> months = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Instant midMonth =
          LocalDate.of(2000, 1, 15).plusMonths(i).atStartOfDay().toInstant(ZoneOffset.UTC);
      months.add(
          encode(
              viewEvent(String.format("events-over-300-months-%03d", i)).toBuilder()
                  .eventTime(midMonth)
                  .build()));
    }
    entries.add(
        new CorpusEntry(
            "events-over-300-months",
            Topics.EVENTS,
            months,
            stored("count()=1"),
            "one VIEW in each month 2000-01..2024-12, sent together: one insert spans 300 partitions"));
    byte[] twice = view("same-event-twice").bytes();
    entries.add(
        new CorpusEntry(
            "same-event-twice",
            Topics.EVENTS,
            List.of(twice, twice.clone()),
            stored("count()=1"),
            "one event delivered twice (a retry): stored once, the repeat counted as a duplicate"));
    entries.add(
        new CorpusEntry(
            "pc-all-counts-zero",
            Topics.PLATFORM_COUNTS,
            List.of(encode(platformCount("pc-all-counts-zero", 0, 0, 0, 0))),
            stored("views=0"),
            "a report of nothing: zero is a count"));
    entries.add(
        new CorpusEntry(
            "pc-views-at-limit",
            Topics.PLATFORM_COUNTS,
            List.of(encode(platformCount("pc-views-at-limit", 10_000_000_000L, 0, 0, 0))),
            stored("views=10000000000"),
            "views 10^10, the most a report may count"));
  }

  // ---------------------------------------------------------------------------------------------
  // Building blocks

  /** A valid VIEW of {@link #ARTICLE} with event id {@code corpus-<name>}. */
  private static RecordBytes view(String name) {
    return RecordBytes.of(EVENTS, generic(viewEvent(name)));
  }

  private static DisseminationEvent viewEvent(String name) {
    return DisseminationEvent.builder()
        .eventId(ARTICLE_PREFIX + name)
        .eventType(EventType.VIEW)
        .eventTime(WHEN)
        .articleId(ARTICLE)
        .channel(Channel.WECHAT)
        .userId("corpus-user-" + name)
        .terminal(Terminal.MOBILE)
        .region("广西壮族自治区贺州市")
        .durationMs(30_000L)
        .attributes(Map.of("collector", "bad-record-corpus"))
        .build();
  }

  private static PlatformCount platformCount(
      String name, long views, long shares, long likes, long comments) {
    return new PlatformCount(
        ARTICLE_PREFIX + name,
        ARTICLE,
        Channel.WECHAT,
        LocalDate.of(2025, 5, 19),
        Instant.parse("2025-05-20T00:00:00.250Z"),
        views,
        shares,
        likes,
        comments);
  }

  private static Article article(String name, UnaryOperator<Article> change) {
    return change.apply(
        new Article(
            ARTICLE_PREFIX + name,
            "党旗如画｜语料库里的一篇",
            "hz",
            null,
            ContentType.ARTICLE,
            "corpus-editor",
            Instant.parse("2025-05-01T00:00:00Z"),
            Instant.parse("2025-05-01T00:00:00Z")));
  }

  private void event(String name, RejectReason reason, String why, byte[] value) {
    entries.add(new CorpusEntry(name, Topics.EVENTS, List.of(value), rejected(reason), why));
  }

  private void count(String name, RejectReason reason, String why, byte[] value) {
    entries.add(
        new CorpusEntry(name, Topics.PLATFORM_COUNTS, List.of(value), rejected(reason), why));
  }

  private void articleBytes(String name, RejectReason reason, String why, byte[] value) {
    entries.add(new CorpusEntry(name, Topics.ARTICLES, List.of(value), rejected(reason), why));
  }

  private void time(String name, Instant eventTime, String why) {
    value(name, INVALID_VALUE, why, b -> b.eventTime(eventTime));
  }

  private void duration(String name, long durationMs, String why) {
    value(name, INVALID_VALUE, why, b -> b.durationMs(durationMs));
  }

  private void value(
      String name,
      RejectReason reason,
      String why,
      UnaryOperator<DisseminationEvent.Builder> change) {
    event(name, reason, why, encode(change.apply(viewEvent(name).toBuilder()).build()));
  }

  private void storedEvent(
      String name, String why, UnaryOperator<DisseminationEvent.Builder> change, String... checks) {
    entries.add(
        new CorpusEntry(
            name,
            Topics.EVENTS,
            List.of(encode(change.apply(viewEvent(name).toBuilder()).build())),
            stored(checks),
            why));
  }

  private void report(
      String name, RejectReason reason, String why, UnaryOperator<PlatformCount> change) {
    count(name, reason, why, encode(change.apply(platformCount(name, 1_523, 87, 41, 12))));
  }

  private void articleValue(
      String name, RejectReason reason, String why, UnaryOperator<Article> change) {
    articleBytes(name, reason, why, encode(article(name, change)));
  }

  private static PlatformCount withCounts(
      PlatformCount p, long views, long shares, long likes, long comments) {
    return new PlatformCount(
        p.reportId(),
        p.articleId(),
        p.channel(),
        p.day(),
        p.asOf(),
        views,
        shares,
        likes,
        comments);
  }

  private static PlatformCount atDay(PlatformCount p, LocalDate day, Instant asOf) {
    return new PlatformCount(
        p.reportId(),
        p.articleId(),
        p.channel(),
        day,
        asOf,
        p.views(),
        p.shares(),
        p.likes(),
        p.comments());
  }

  private static Article withOffice(Article a, String office) {
    return new Article(
        a.articleId(),
        a.title(),
        office,
        a.series(),
        a.contentType(),
        a.editor(),
        a.publishedAt(),
        a.updatedAt());
  }

  private static Article withTimes(Article a, Instant publishedAt, Instant updatedAt) {
    return new Article(
        a.articleId(),
        a.title(),
        a.office(),
        a.series(),
        a.contentType(),
        a.editor(),
        publishedAt,
        updatedAt);
  }

  private static GenericRecord generic(DisseminationEvent event) {
    return event.toGenericRecord(EVENTS.schema());
  }

  private static GenericRecord generic(PlatformCount report) {
    return report.toGenericRecord(PLATFORM_COUNTS.schema());
  }

  private static GenericRecord generic(Article article) {
    return article.toGenericRecord(ARTICLES.schema());
  }

  private static byte[] encode(DisseminationEvent event) {
    return EVENTS.encode(generic(event));
  }

  private static byte[] encode(PlatformCount report) {
    return PLATFORM_COUNTS.encode(generic(report));
  }

  private static byte[] encode(Article article) {
    return ARTICLES.encode(generic(article));
  }

  private static byte[] swapMarker(byte[] message) {
    byte[] swapped = message.clone();
    swapped[0] = message[1];
    swapped[1] = message[0];
    return swapped;
  }

  /** The event as a JSON-speaking collector would send it. */
  private static byte[] json() {
    ObjectNode json = JSON.createObjectNode();
    DisseminationEvent event = viewEvent("json-instead-of-avro");
    json.put("event_id", event.eventId());
    json.put("event_type", event.eventType().name());
    json.put("event_time", event.eventTime().toEpochMilli());
    json.put("article_id", event.articleId());
    json.put("channel", event.channel().name());
    json.put("user_id", event.userId());
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** An Avro object container file holding the one record (deterministic: fixed sync marker). */
  private static byte[] containerFile(GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] sync = "corpus-sync-mark".getBytes(StandardCharsets.US_ASCII);
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<>(record.getSchema()))) {
      writer.setSyncInterval(1 << 20);
      writer.create(record.getSchema(), out, sync);
      writer.append(record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A VIEW written by a producer that already has DisseminationEvent with the EventType symbol
   * FAVORITE: an unreleased schema, so its fingerprint is in no catalog of ours.
   */
  private static byte[] newerProducerFavorite() {
    ObjectNode schemaJson;
    try {
      schemaJson = (ObjectNode) JSON.readTree(EVENTS.schema().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (var field : schemaJson.withArray("fields")) {
      if (field.get("name").asText().equals("event_type")) {
        ((ArrayNode) field.get("type").get("symbols")).add("FAVORITE");
      }
    }
    Schema newer = new Schema.Parser().parse(schemaJson.toString());
    GenericRecord record = new GenericData.Record(newer);
    GenericRecord current = generic(viewEvent("newer-producer-new-event-type"));
    for (Schema.Field field : newer.getFields()) {
      record.put(field.name(), current.get(field.name()));
    }
    record.put(
        "event_type",
        new GenericData.EnumSymbol(newer.getField("event_type").schema(), "FAVORITE"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(0xC3, 0x01));
    out.writeBytes(
        ByteBuffer.allocate(8)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(SchemaNormalization.parsingFingerprint64(newer))
            .array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(newer).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static final ObjectMapper JSON = new ObjectMapper();
}
