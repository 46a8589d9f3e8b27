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
   * A record on {@code chuanbo.events} that a consumer must reject: bytes the codec refuses, or an
   * event that decodes but fails {@code validate} at the record's send time.
   */
  MALFORMED
}
