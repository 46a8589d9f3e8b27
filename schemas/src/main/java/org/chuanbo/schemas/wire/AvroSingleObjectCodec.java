package org.chuanbo.schemas.wire;

import static org.chuanbo.schemas.RejectReason.BAD_MARKER;
import static org.chuanbo.schemas.RejectReason.MALFORMED_BODY;
import static org.chuanbo.schemas.RejectReason.TOO_SHORT;
import static org.chuanbo.schemas.RejectReason.UNKNOWN_SCHEMA;
import static org.chuanbo.schemas.RejectReason.WRONG_RECORD;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.catalog.SchemaCompatibilityCheck;
import org.chuanbo.schemas.catalog.SchemaVersion;

/**
 * The wire format of every topic: Avro single-object encoding.
 *
 * <pre>
 * byte  0    1    2 ........................ 9   10 ..............
 *      +----+----+----------------------------+------------------+
 *      | C3 | 01 | CRC-64-AVRO fingerprint of | Avro binary body |
 *      |  marker | the writer schema, little- | (writer schema)  |
 *      |         | endian                     |                  |
 *      +----+----+----------------------------+------------------+
 * </pre>
 *
 * <p>One codec serves one record type (one topic). It writes with the current version and reads
 * bytes of any version in the catalog into the current version (Avro schema resolution), so old and
 * new producers can run side by side. {@link #decode} throws nothing but {@link
 * RejectedRecordException} for any input bytes.
 *
 * <p>Decoded strings are {@link String}s, not Avro's {@code Utf8}: downstream code compares, hashes
 * and serialises them (Flink state), where {@code Utf8} keys in maps would not equal {@code String}
 * keys. Timestamps stay {@code long} epoch milliseconds (no logical-type conversion); the typed
 * records convert them to {@code Instant}.
 */
public final class AvroSingleObjectCodec {

  /** The two marker bytes of the Avro single-object encoding (format version 1). */
  static final byte MARKER_0 = (byte) 0xC3;

  static final byte MARKER_1 = (byte) 0x01;

  /** Marker plus fingerprint. */
  public static final int HEADER_SIZE = 10;

  private final String recordName;
  private final SchemaVersion current;
  private final SchemaCatalog catalog;
  private final GenericDatumWriter<GenericRecord> writer;

  /** Every readable writer version by fingerprint, with its reader: one lookup per record. */
  private final Map<Long, KnownWriter> writersByFingerprint = new HashMap<>();

  private record KnownWriter(SchemaVersion version, GenericDatumReader<GenericRecord> reader) {}

  private AvroSingleObjectCodec(SchemaCatalog catalog, SchemaVersion readerVersion) {
    this.catalog = catalog;
    this.recordName = readerVersion.fullName();
    this.current = readerVersion;
    this.writer = new GenericDatumWriter<>(current.schema());
    for (SchemaVersion version : catalog.versions(recordName)) {
      requireReadable(version);
      writersByFingerprint.put(
          version.fingerprint(), new KnownWriter(version, stringReader(version.schema())));
    }
  }

  /** A codec for one record type, e.g. {@code org.chuanbo.avro.DisseminationEvent}. */
  public static AvroSingleObjectCodec forRecord(SchemaCatalog catalog, String recordFullName) {
    return new AvroSingleObjectCodec(catalog, catalog.current(recordFullName));
  }

  /**
   * A codec that reads into, and writes, an older version while the catalog knows newer ones: for
   * code written against that version, which then still reads newer producers' bytes (their new
   * enum symbols arrive as the enum's default, their new fields are dropped).
   */
  public static AvroSingleObjectCodec forVersion(
      SchemaCatalog catalog, String recordFullName, int version) {
    return new AvroSingleObjectCodec(
        catalog,
        catalog.versions(recordFullName).stream()
            .filter(v -> v.version() == version)
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no " + recordFullName + " v" + version)));
  }

  /**
   * The version {@link #encode} writes and {@link #decode} returns: the catalog's current one,
   * unless chosen with {@link #forVersion}.
   */
  public SchemaVersion currentVersion() {
    return current;
  }

  /** The current schema, to build records for {@link #encode}. */
  public Schema schema() {
    return current.schema();
  }

  /**
   * Header plus binary body of a record of the current schema.
   *
   * @throws IllegalArgumentException if the record is of another schema or breaks it (a null in a
   *     required field, a value of the wrong type): a bug of the producer, not bad input
   */
  public byte[] encode(GenericRecord record) {
    Schema schema = record.getSchema();
    if (!schema.equals(current.schema())) {
      throw new IllegalArgumentException(
          "record of schema "
              + schema.getFullName()
              + " is not "
              + recordName
              + " v"
              + current.version()
              + ", the version this codec writes");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(MARKER_0);
    out.write(MARKER_1);
    out.writeBytes(
        ByteBuffer.allocate(8)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(current.fingerprint())
            .array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen writing to memory
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot encode "
              + recordName
              + ": "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
    return out.toByteArray();
  }

  /**
   * Reads a message of any catalog version of this record into the current version.
   *
   * @throws RejectedRecordException for any bytes that are not one such message; never anything
   *     else
   */
  public GenericRecord decode(byte[] bytes) throws RejectedRecordException {
    if (bytes == null || bytes.length < HEADER_SIZE) {
      throw new RejectedRecordException(
          TOO_SHORT,
          (bytes == null ? "no bytes" : bytes.length + " bytes")
              + ", the single-object header alone is "
              + HEADER_SIZE);
    }
    if (bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
      throw new RejectedRecordException(
          BAD_MARKER,
          String.format("starts with %02X %02X, expected C3 01", bytes[0] & 0xff, bytes[1] & 0xff));
    }
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    KnownWriter known = writersByFingerprint.get(fingerprint);
    if (known == null) {
      throw unknownFingerprint(fingerprint);
    }
    SchemaVersion writerVersion = known.version();
    BinaryBodyScanner.scan(writerVersion.schema(), bytes, HEADER_SIZE);
    try {
      return known
          .reader()
          .read(
              null,
              DecoderFactory.get()
                  .binaryDecoder(bytes, HEADER_SIZE, bytes.length - HEADER_SIZE, null));
    } catch (IOException | RuntimeException e) {
      // The scan has accepted the bytes, so this is resolution refusing a value (e.g. an enum
      // symbol the reader lacks and has no default for): the data, not the code, is at fault.
      throw new RejectedRecordException(
          MALFORMED_BODY,
          "cannot read "
              + recordName
              + " v"
              + writerVersion.version()
              + " as v"
              + current.version()
              + ": "
              + e.getMessage());
    }
  }

  private RejectedRecordException unknownFingerprint(long fingerprint) {
    String hex = String.format("%016x", fingerprint);
    return catalog
        .byFingerprint(fingerprint)
        .map(
            other ->
                new RejectedRecordException(
                    WRONG_RECORD,
                    "fingerprint "
                        + hex
                        + " is "
                        + other.fullName()
                        + " v"
                        + other.version()
                        + ", this topic carries "
                        + recordName))
        .orElseGet(
            () ->
                new RejectedRecordException(
                    UNKNOWN_SCHEMA,
                    "no "
                        + recordName
                        + " version has fingerprint "
                        + hex
                        + " (written with a schema newer than this reader, or not ours)"));
  }

  /** Fails at start-up, not per record, if the catalog holds a version we cannot read. */
  private void requireReadable(SchemaVersion writerVersion) {
    SchemaCompatibilityCheck.readProblem(current, writerVersion)
        .ifPresent(
            problem -> {
              throw new IllegalStateException(problem.toString());
            });
  }

  /**
   * A resolving reader that yields {@link String}s. Avro's fast reader takes the string class only
   * from an {@code avro.java.string} property in the schema, which would put a Java detail into the
   * cross-language .avsc files; the classic reader asks {@code findStringClass}, so this one uses
   * the classic reader (fast enough: far above the per-subtask event rate).
   */
  private GenericDatumReader<GenericRecord> stringReader(Schema writerSchema) {
    GenericData data = new GenericData();
    data.setFastReaderEnabled(false);
    return new GenericDatumReader<>(writerSchema, current.schema(), data) {
      @Override
      @SuppressWarnings("rawtypes")
      protected Class findStringClass(Schema schema) {
        return String.class;
      }
    };
  }
}
