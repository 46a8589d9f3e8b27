package org.chuanbo.generator;

/** What a generated record is, so that tests know what to expect of it; not sent to Kafka. */
public enum RecordKind {
  /** A version of an article's metadata on {@code chuanbo.articles}. */
  ARTICLE,
  /** An event on {@code chuanbo.events}, sent for the first time. */
  EVENT,
  /** The same bytes as an earlier EVENT, sent again (an at-least-once retry). */
  DUPLICATE,
  /**
   * A record on {@code chuanbo.events} or {@code chuanbo.platform_counts} that a consumer must
   * reject: bytes the codec refuses, or an event or report that decodes but fails {@code validate}
   * at the record's send time.
   */
  MALFORMED,
  /**
   * A platform's report (one revision of its daily counts) on {@code chuanbo.platform_counts}, sent
   * for the first time; a stale revision that arrives after a newer one is one too.
   */
  PLATFORM_COUNT,
  /** The same bytes as an earlier PLATFORM_COUNT, sent again (a re-delivery). */
  PLATFORM_COUNT_DUPLICATE
}
