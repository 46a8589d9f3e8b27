package org.chuanbo.jobs.records;

import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One decoded event, user ids already pseudonymised, later joined with its article's office: the
 * shape of a {@code chuanbo.events} row and the input of the per-minute aggregation. Times are
 * epoch milliseconds; optional values are null. Flink moves it with {@link EnrichedEventSerializer}
 * (named through {@link EnrichedEventTypeInfo}), which treats it as immutable: no operator changes
 * {@code attributes} either.
 *
 * @param reachKey who counts for reach (DOMAIN.md): the person when known, else channel:user —
 *     pseudonymised like the ids it is built from
 * @param kafkaTimestampMillis the Kafka record timestamp of the delivery that carried the event
 *     (when it reached Kafka, not when it happened): no column of {@code chuanbo.events}, it puts a
 *     dropped repeat into the minute it arrived in {@code chuanbo.ingest_quality_minute}, the same
 *     minute again when a restart replays it
 */
@TypeInfo(EnrichedEventTypeInfo.Factory.class)
public record EnrichedEvent(
    String eventId,
    String eventType,
    long eventTimeMillis,
    String articleId,
    String office,
    String channel,
    String userId,
    String personId,
    String reachKey,
    String terminal,
    String region,
    String shareId,
    String viaShareId,
    String outlet,
    Long durationMs,
    Map<String, String> attributes,
    long kafkaTimestampMillis) {

  /** Office of an event whose article did not arrive within the wait bound. */
  public static final String UNKNOWN_OFFICE = "unknown";

  /** The same event with its article's office. */
  public EnrichedEvent withOffice(String newOffice) {
    return new EnrichedEvent(
        eventId,
        eventType,
        eventTimeMillis,
        articleId,
        newOffice,
        channel,
        userId,
        personId,
        reachKey,
        terminal,
        region,
        shareId,
        viaShareId,
        outlet,
        durationMs,
        attributes,
        kafkaTimestampMillis);
  }
}
