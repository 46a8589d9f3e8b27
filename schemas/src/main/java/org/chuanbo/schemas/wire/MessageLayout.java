package org.chuanbo.schemas.wire;

import static org.chuanbo.schemas.RejectReason.BAD_MARKER;
import static org.chuanbo.schemas.RejectReason.TOO_SHORT;
import static org.chuanbo.schemas.RejectReason.UNKNOWN_SCHEMA;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.catalog.SchemaVersion;

/**
 * How much of a message reads as the single-object encoding of a catalog schema, and where each
 * top-level field of its body lies: for code that must handle a message that does not decode, field
 * by field (the dead-letter redaction keeps the bytes that provably hold no personal id and blanks
 * the rest). The walk applies the rules of {@link AvroSingleObjectCodec#decode} and builds no
 * value, so any bytes are safe to lay out.
 *
 * <p>It does not care which record type a topic carries: a known fingerprint of another record
 * (WRONG_RECORD to the codec) is laid out with that record's schema.
 *
 * @param headerBytes how many leading bytes are the single-object header, as far as the message has
 *     one: 0 when it does not start with the marker {@code C3 01}, else up to {@link
 *     AvroSingleObjectCodec#HEADER_SIZE}
 * @param writer the schema the fingerprint names; null when the header is incomplete or no catalog
 *     schema has the fingerprint
 * @param fields the top-level fields of the body that were read completely, in order
 * @param stop where and why reading stopped; null when the bytes are exactly one record of {@code
 *     writer}
 */
public record MessageLayout(
    int headerBytes, SchemaVersion writer, List<FieldExtent> fields, Stop stop) {

  /** A top-level field read completely: bytes {@code [start, end)} of the message. */
  public record FieldExtent(String name, int start, int end) {}

  /**
   * Where reading stopped.
   *
   * @param reason TOO_SHORT or BAD_MARKER (no complete header), UNKNOWN_SCHEMA (no catalog schema
   *     has the fingerprint), TRUNCATED_BODY (the bytes end inside {@code field}), MALFORMED_BODY
   *     ({@code field}'s bytes cannot be a value of its type) or TRAILING_BYTES (bytes after one
   *     complete record)
   * @param field the field being read; null when none was (header problems, trailing bytes)
   * @param at the first byte not accounted for: the start of that field, of the trailing bytes, or
   *     where the header ends
   */
  public record Stop(RejectReason reason, String field, int at) {}

  /** What {@link BinaryBodyScanner#fields} found in a body. */
  record Body(List<FieldExtent> fields, Stop stop) {}

  public MessageLayout {
    fields = List.copyOf(fields);
  }

  /** Lays out {@code message} (null counts as no bytes) against the catalog's schemas. */
  public static MessageLayout of(SchemaCatalog catalog, byte[] message) {
    byte[] bytes = message == null ? new byte[0] : message;
    boolean markerSoFar =
        (bytes.length < 1 || bytes[0] == AvroSingleObjectCodec.MARKER_0)
            && (bytes.length < 2 || bytes[1] == AvroSingleObjectCodec.MARKER_1);
    int header = markerSoFar ? Math.min(bytes.length, AvroSingleObjectCodec.HEADER_SIZE) : 0;
    if (bytes.length < AvroSingleObjectCodec.HEADER_SIZE) {
      return new MessageLayout(header, null, List.of(), new Stop(TOO_SHORT, null, header));
    }
    if (!markerSoFar) {
      return new MessageLayout(0, null, List.of(), new Stop(BAD_MARKER, null, 0));
    }
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Optional<SchemaVersion> writer = catalog.byFingerprint(fingerprint);
    if (writer.isEmpty()) {
      return new MessageLayout(header, null, List.of(), new Stop(UNKNOWN_SCHEMA, null, header));
    }
    Body body = BinaryBodyScanner.fields(writer.get().schema(), bytes, header);
    return new MessageLayout(header, writer.get(), body.fields(), body.stop());
  }

  /** Whether the bytes are exactly one record of {@link #writer}. */
  public boolean isComplete() {
    return stop == null;
  }
}
