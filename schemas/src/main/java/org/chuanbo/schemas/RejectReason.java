package org.chuanbo.schemas;

/**
 * Why a record was refused. The name travels as a header of the dead-letter record on {@code
 * chuanbo.events.dlq}, so the symbols are a contract: add new ones, never rename.
 *
 * <p>The first group is about the bytes (the record could not be read at all); the second about the
 * values (it was read but breaks a rule of the domain).
 */
public enum RejectReason {
  /** Fewer bytes than the 10-byte single-object header. */
  TOO_SHORT,
  /** The first two bytes are not the single-object marker {@code C3 01}. */
  BAD_MARKER,
  /** The writer-schema fingerprint is in no schema of the catalog (unknown or future version). */
  UNKNOWN_SCHEMA,
  /** The fingerprint is known but names another record type than the one this topic carries. */
  WRONG_RECORD,
  /** The body ends before the writer schema says it should. */
  TRUNCATED_BODY,
  /** Bytes are left over after one complete record. */
  TRAILING_BYTES,
  /**
   * The body cannot be a value of the writer schema: a negative length, an over-long varint, an
   * enum or union index out of range, a boolean other than 0/1, invalid UTF-8.
   */
  MALFORMED_BODY,

  /** A value the domain requires is absent (an id, SHARE without share_id, ...). */
  MISSING_VALUE,
  /** A value is present but impossible (negative duration, event time far in the future, ...). */
  INVALID_VALUE,
  /**
   * An enum arrived as its default symbol (UNKNOWN): written by a newer producer with a symbol this
   * reader does not know yet. Replaying the originals after an upgrade recovers them: from the
   * source topic, at the offset the dead letter names (the dead letter carries pseudonyms, not the
   * ids).
   */
  UNKNOWN_SYMBOL
}
