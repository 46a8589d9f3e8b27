package org.chuanbo.schemas.catalog;

import org.apache.avro.Schema;

/**
 * One released version of a record schema, as loaded from {@code avro/<Record>.v<N>.avsc}.
 *
 * @param fullName the record's full name, e.g. {@code org.chuanbo.avro.DisseminationEvent}
 * @param version N of the file name; higher is newer
 * @param schema the parsed schema
 * @param fingerprint CRC-64-AVRO of the schema's parsing canonical form, as on the wire
 * @param resource the classpath resource it was loaded from
 */
public record SchemaVersion(
    String fullName, int version, Schema schema, long fingerprint, String resource) {

  /** The fingerprint as 16 hex digits, the way it is shown in messages and the README. */
  public String fingerprintHex() {
    return String.format("%016x", fingerprint);
  }
}
