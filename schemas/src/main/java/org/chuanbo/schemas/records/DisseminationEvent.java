package org.chuanbo.schemas.records;

import static org.chuanbo.schemas.RejectReason.INVALID_VALUE;
import static org.chuanbo.schemas.RejectReason.MISSING_VALUE;
import static org.chuanbo.schemas.RejectReason.UNKNOWN_SYMBOL;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.chuanbo.schemas.ValidationProblem;

/**
 * One thing that happened to one article on one channel: the Java side of the Avro record {@code
 * org.chuanbo.avro.DisseminationEvent} (see {@code schemas/README.md} for each field).
 *
 * <p>Optional fields are plain nullable references, not {@code Optional}: records are built and
 * read per event at high rates and held in Flink state, and null is what Avro itself carries. The
 * required fields may be null too, so that a broken input can still be represented and {@link
 * #validate}d; {@link #toGenericRecord} refuses them. Times are truncated to milliseconds, the
 * precision on the wire, so that a round trip returns an equal record. Attributes are an
 * unmodifiable sorted map (never null), so equal events encode to equal bytes.
 */
public record DisseminationEvent(
    String eventId,
    EventType eventType,
    Instant eventTime,
    String articleId,
    Channel channel,
    String userId,
    String personId,
    Terminal terminal,
    String region,
    String shareId,
    String viaShareId,
    String outlet,
    Long durationMs,
    Map<String, String> attributes) {

  /** Full name of the Avro record. */
  public static final String AVRO_NAME = "org.chuanbo.avro.DisseminationEvent";

  /**
   * How far in the future of the reader's clock an event may be: collectors' clocks drift, but an
   * event a day ahead is a wrong clock or a unit mistake (microseconds sent as milliseconds).
   */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);

  /**
   * The longest engaged, watch or listen time one event may carry: nobody reads or watches one
   * piece for more than a day, and a larger value (a counter sent as a duration, microseconds sent
   * as milliseconds) would swamp the mean — or, summed, overflow the per-minute total.
   */
  public static final Duration MAX_DURATION = Duration.ofHours(24);

  /**
   * No event of ours happened before this; earlier times are a collector's zero or seconds sent as
   * milliseconds (which land in January 1970).
   */
  public static final Instant EARLIEST_EVENT_TIME = Instant.parse("2000-01-01T00:00:00Z");

  public DisseminationEvent {
    eventTime = eventTime == null ? null : eventTime.truncatedTo(ChronoUnit.MILLIS);
    attributes =
        attributes == null
            ? Collections.emptySortedMap()
            : Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }

  /** A builder with terminal {@link Terminal#OTHER} and no attributes, as in the schema. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this event's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The event in a record of {@code schema} (the current version, from the codec). */
  public GenericRecord toGenericRecord(Schema schema) {
    return GenericRecordFields.build(
        schema,
        b ->
            b.set("event_id", eventId)
                .set("event_type", GenericRecordFields.enumSymbol(schema, "event_type", eventType))
                .set("event_time", GenericRecordFields.millis(eventTime))
                .set("article_id", articleId)
                .set("channel", GenericRecordFields.enumSymbol(schema, "channel", channel))
                .set("user_id", userId)
                .set("person_id", personId)
                .set("terminal", GenericRecordFields.enumSymbol(schema, "terminal", terminal))
                .set("region", region)
                .set("share_id", shareId)
                .set("via_share_id", viaShareId)
                .set("outlet", outlet)
                .set("duration_ms", durationMs)
                .set("attributes", attributes));
  }

  /**
   * The event in a decoded record of any version. Symbols this Java code does not know become
   * UNKNOWN (terminal: OTHER), as an older reader schema would make them. A blank optional id
   * (person_id, share_id, via_share_id) is no id: it reads as absent.
   */
  public static DisseminationEvent fromGenericRecord(GenericRecord record) {
    GenericRecordFields.requireName(record, AVRO_NAME);
    return new DisseminationEvent(
        GenericRecordFields.string(record, "event_id"),
        GenericRecordFields.symbol(record, "event_type", EventType.class, EventType.UNKNOWN),
        GenericRecordFields.instant(record, "event_time"),
        GenericRecordFields.string(record, "article_id"),
        GenericRecordFields.symbol(record, "channel", Channel.class, Channel.UNKNOWN),
        GenericRecordFields.string(record, "user_id"),
        RequiredText.absentIfBlank(GenericRecordFields.string(record, "person_id")),
        GenericRecordFields.symbol(record, "terminal", Terminal.class, Terminal.OTHER),
        GenericRecordFields.string(record, "region"),
        RequiredText.absentIfBlank(GenericRecordFields.string(record, "share_id")),
        RequiredText.absentIfBlank(GenericRecordFields.string(record, "via_share_id")),
        GenericRecordFields.string(record, "outlet"),
        GenericRecordFields.longValue(record, "duration_ms"),
        GenericRecordFields.stringMap(record, "attributes"));
  }

  /**
   * What is wrong with the event, judged at {@code now} (the reader's clock); empty when nothing
   * is. Each problem names the reject reason the dead-letter record carries.
   */
  public List<ValidationProblem> validate(Instant now) {
    List<ValidationProblem> problems = new ArrayList<>();
    RequiredText.check(problems, "event_id", eventId);
    RequiredText.check(problems, "article_id", articleId);
    RequiredText.check(problems, "user_id", userId);
    if (eventType == null) {
      problems.add(new ValidationProblem("event_type", MISSING_VALUE, "missing"));
    } else if (eventType == EventType.UNKNOWN) {
      problems.add(
          new ValidationProblem(
              "event_type", UNKNOWN_SYMBOL, "a type this reader does not know (newer writer)"));
    }
    Channel.check(problems, channel);
    if (terminal == null) {
      problems.add(new ValidationProblem("terminal", MISSING_VALUE, "missing"));
    }
    if (eventTime == null) {
      problems.add(new ValidationProblem("event_time", MISSING_VALUE, "missing"));
    } else if (eventTime.isAfter(now.plus(MAX_FUTURE_SKEW))) {
      problems.add(
          new ValidationProblem(
              "event_time",
              INVALID_VALUE,
              eventTime + " is more than " + MAX_FUTURE_SKEW.toHours() + " h after " + now));
    } else if (eventTime.isBefore(EARLIEST_EVENT_TIME)) {
      problems.add(
          new ValidationProblem(
              "event_time", INVALID_VALUE, eventTime + " is before " + EARLIEST_EVENT_TIME));
    }
    if (durationMs != null && durationMs < 0) {
      problems.add(new ValidationProblem("duration_ms", INVALID_VALUE, "negative: " + durationMs));
    } else if (durationMs != null && durationMs > MAX_DURATION.toMillis()) {
      problems.add(
          new ValidationProblem(
              "duration_ms",
              INVALID_VALUE,
              durationMs + " ms is longer than " + MAX_DURATION.toHours() + " h"));
    }
    if (eventType == EventType.SHARE && RequiredText.isBlank(shareId)) {
      problems.add(new ValidationProblem("share_id", MISSING_VALUE, "a SHARE must open a share"));
    }
    if (eventType == EventType.REPOST && RequiredText.isBlank(outlet)) {
      problems.add(new ValidationProblem("outlet", MISSING_VALUE, "a REPOST must name its outlet"));
    }
    if (shareId != null && shareId.equals(viaShareId)) {
      // A share through itself would make a cycle in the cascade (DOMAIN.md: share chains).
      problems.add(
          new ValidationProblem("via_share_id", INVALID_VALUE, "equals share_id " + shareId));
    }
    return problems;
  }

  /** Builds events field by field; the record's constructor has fourteen arguments. */
  public static final class Builder {
    private String eventId;
    private EventType eventType;
    private Instant eventTime;
    private String articleId;
    private Channel channel;
    private String userId;
    private String personId;
    private Terminal terminal = Terminal.OTHER;
    private String region;
    private String shareId;
    private String viaShareId;
    private String outlet;
    private Long durationMs;
    private Map<String, String> attributes = Map.of();

    private Builder() {}

    private Builder(DisseminationEvent e) {
      eventId = e.eventId;
      eventType = e.eventType;
      eventTime = e.eventTime;
      articleId = e.articleId;
      channel = e.channel;
      userId = e.userId;
      personId = e.personId;
      terminal = e.terminal;
      region = e.region;
      shareId = e.shareId;
      viaShareId = e.viaShareId;
      outlet = e.outlet;
      durationMs = e.durationMs;
      attributes = e.attributes;
    }

    public Builder eventId(String value) {
      eventId = value;
      return this;
    }

    public Builder eventType(EventType value) {
      eventType = value;
      return this;
    }

    public Builder eventTime(Instant value) {
      eventTime = value;
      return this;
    }

    public Builder articleId(String value) {
      articleId = value;
      return this;
    }

    public Builder channel(Channel value) {
      channel = value;
      return this;
    }

    public Builder userId(String value) {
      userId = value;
      return this;
    }

    public Builder personId(String value) {
      personId = value;
      return this;
    }

    public Builder terminal(Terminal value) {
      terminal = value;
      return this;
    }

    public Builder region(String value) {
      region = value;
      return this;
    }

    public Builder shareId(String value) {
      shareId = value;
      return this;
    }

    public Builder viaShareId(String value) {
      viaShareId = value;
      return this;
    }

    public Builder outlet(String value) {
      outlet = value;
      return this;
    }

    public Builder durationMs(Long value) {
      durationMs = value;
      return this;
    }

    public Builder attributes(Map<String, String> value) {
      attributes = value;
      return this;
    }

    public DisseminationEvent build() {
      return new DisseminationEvent(
          eventId,
          eventType,
          eventTime,
          articleId,
          channel,
          userId,
          personId,
          terminal,
          region,
          shareId,
          viaShareId,
          outlet,
          durationMs,
          attributes);
    }
  }
}
