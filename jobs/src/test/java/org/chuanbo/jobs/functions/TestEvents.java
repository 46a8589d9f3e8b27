package org.chuanbo.jobs.functions;

import java.time.Instant;
import java.util.HashMap;
import org.chuanbo.jobs.records.EnrichedEvent;

/** Events for operator tests, with shared time fixtures. */
final class TestEvents {

  static final long BEGINNING = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();
  static final long ONE_MINUTE_LATER = BEGINNING + 60_000;
  static final long TWO_HOURS_LATER = BEGINNING + 2 * 3_600_000;

  private TestEvents() {}

  /** An event that reached Kafka when it happened. */
  static EnrichedEvent event(
      String id, String type, long time, String article, String channel, Long durationMs) {
    return event(id, type, time, article, channel, durationMs, time);
  }

  static EnrichedEvent event(
      String id,
      String type,
      long time,
      String article,
      String channel,
      Long durationMs,
      long kafkaTimestamp) {
    return new EnrichedEvent(
        id,
        type,
        time,
        article,
        null,
        channel,
        "u-" + id,
        null,
        "u:" + id,
        "MOBILE",
        null,
        type.equals("SHARE") ? "s-" + id : null,
        null,
        type.equals("REPOST") ? "新华网" : null,
        durationMs,
        new HashMap<>(),
        kafkaTimestamp);
  }

  static EnrichedEvent view(String id, long time, String article) {
    return event(id, "VIEW", time, article, "WECHAT", null);
  }

  /** A VIEW delivered to Kafka at {@code kafkaTimestamp}, which may be long after it happened. */
  static EnrichedEvent viewArrivingAt(String id, long time, String article, long kafkaTimestamp) {
    return event(id, "VIEW", time, article, "WECHAT", null, kafkaTimestamp);
  }
}
