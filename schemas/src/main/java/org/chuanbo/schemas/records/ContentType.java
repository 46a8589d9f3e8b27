package org.chuanbo.schemas.records;

/** Form of a piece; symbols of the Avro enum {@code org.chuanbo.avro.ContentType}. */
public enum ContentType {
  ARTICLE,
  VIDEO,
  AUDIO,
  /** A remote-education course. */
  COURSE,
  GALLERY,
  /** Anything else, including forms added by a newer writer (a valid value, not a reject). */
  OTHER
}
