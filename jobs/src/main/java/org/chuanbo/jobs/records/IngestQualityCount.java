package org.chuanbo.jobs.records;

/**
 * A row of {@code chuanbo.ingest_quality_minute}: how many records of one topic, having reached
 * Kafka in one minute, the job rejected for one reason or dropped as duplicates. Rows are additive
 * (several rows of one group sum to its figure), like {@link ArticleMinuteDelta}.
 *
 * @param minuteStartMillis the first millisecond of the minute in which the records reached Kafka
 *     (their Kafka record timestamps; minutes align in UTC and Asia/Shanghai)
 * @param topic the topic the records were read from
 * @param outcome {@link #REJECTED} or {@link #DUPLICATE}
 * @param reason for {@link #REJECTED}: the {@code RejectReason} name, as the dead-letter header
 *     {@code chuanbo.reject.reason} carries it; for {@link #DUPLICATE}: {@link #DUPLICATE_EVENT_ID}
 * @param records how many records
 */
public record IngestQualityCount(
    long minuteStartMillis, String topic, String outcome, String reason, long records) {

  /** Refused by decoding or validation, and sent to the dead-letter topic. */
  public static final String REJECTED = "rejected";

  /** A valid event whose {@code event_id} had been seen before, dropped. */
  public static final String DUPLICATE = "duplicate";

  /** The reason of every {@link #DUPLICATE}. */
  public static final String DUPLICATE_EVENT_ID = "duplicate_event_id";
}
