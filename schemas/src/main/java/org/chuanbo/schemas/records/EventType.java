package org.chuanbo.schemas.records;

/** What happened to an article; symbols of the Avro enum {@code org.chuanbo.avro.EventType}. */
public enum EventType {
  VIEW,
  SHARE,
  REPOST,
  LIKE,
  COMMENT,
  /** A symbol added by a newer writer; such events are rejected until the reader is upgraded. */
  UNKNOWN
}
