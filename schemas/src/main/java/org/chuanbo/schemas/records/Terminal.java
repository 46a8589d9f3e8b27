package org.chuanbo.schemas.records;

/** Kind of device; symbols of the Avro enum {@code org.chuanbo.avro.Terminal}. */
public enum Terminal {
  PC,
  MOBILE,
  TABLET,
  TV,
  /** Anything else, including kinds added by a newer writer (a valid value, not a reject). */
  OTHER
}
