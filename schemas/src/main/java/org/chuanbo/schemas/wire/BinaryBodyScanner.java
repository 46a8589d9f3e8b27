package org.chuanbo.schemas.wire;

import static org.chuanbo.schemas.RejectReason.MALFORMED_BODY;
import static org.chuanbo.schemas.RejectReason.TRAILING_BYTES;
import static org.chuanbo.schemas.RejectReason.TRUNCATED_BODY;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.RejectedRecordException;

/**
 * Walks an Avro binary body against its writer schema without building any value, and says
 * precisely what is wrong with bytes that are not one complete value.
 *
 * <p>Why not let Avro's decoder find out: it allocates a string, bytes or collection from the
 * length prefix before it reads the content, so a garbage prefix can ask for gigabytes (an {@link
 * OutOfMemoryError}, not a reject), and it reports every other problem as one of several unrelated
 * exceptions. After this scan every length is known to fit in the body, so decoding cannot allocate
 * more than the body's size.
 *
 * <p>Follows the binary encoding of the Avro specification; it is stricter than Avro's decoder in
 * two places, both signs of garbage: a boolean must be 0 or 1, and strings must be valid UTF-8
 * (Avro would silently replace bad sequences with U+FFFD).
 */
final class BinaryBodyScanner {

  /** Deeper nesting than any schema of ours; stops a recursive schema from blowing the stack. */
  private static final int MAX_DEPTH = 32;

  private final byte[] bytes;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
  private int pos;

  /**
   * Items of zero-byte types (null, empty records) cost nothing on the wire, so a count alone could
   * make the decoder loop and allocate without end; allow at most one per byte of the message.
   */
  private long zeroSizeItemBudget;

  private BinaryBodyScanner(byte[] bytes, int offset) {
    this.bytes = bytes;
    this.pos = offset;
    this.zeroSizeItemBudget = bytes.length;
  }

  /**
   * Checks that {@code bytes} from {@code offset} to the end hold exactly one value of {@code
   * writer}.
   */
  static void scan(Schema writer, byte[] bytes, int offset) throws RejectedRecordException {
    BinaryBodyScanner scanner = new BinaryBodyScanner(bytes, offset);
    scanner.value(writer, writer.getName(), 0);
    if (scanner.pos != bytes.length) {
      throw new RejectedRecordException(
          TRAILING_BYTES,
          (bytes.length - scanner.pos)
              + " bytes after the end of the "
              + writer.getName()
              + " record, at byte "
              + scanner.pos);
    }
  }

  /**
   * Walks a record's top-level fields one after the other, as {@link #scan} does, and reports where
   * each complete one lies and where the walk stopped; for {@link MessageLayout}.
   */
  static MessageLayout.Body fields(Schema writer, byte[] bytes, int offset) {
    BinaryBodyScanner scanner = new BinaryBodyScanner(bytes, offset);
    List<MessageLayout.FieldExtent> complete = new ArrayList<>();
    for (Schema.Field field : writer.getFields()) {
      int start = scanner.pos;
      try {
        // The same path and depth as scan's walk through the record, so the same rules apply.
        scanner.value(field.schema(), field.name(), 1);
      } catch (RejectedRecordException e) {
        return new MessageLayout.Body(
            complete, new MessageLayout.Stop(e.reason(), field.name(), start));
      }
      complete.add(new MessageLayout.FieldExtent(field.name(), start, scanner.pos));
    }
    if (scanner.pos != bytes.length) {
      return new MessageLayout.Body(
          complete, new MessageLayout.Stop(TRAILING_BYTES, null, scanner.pos));
    }
    return new MessageLayout.Body(complete, null);
  }

  private void value(Schema schema, String where, int depth) throws RejectedRecordException {
    if (depth > MAX_DEPTH) {
      throw fail(MALFORMED_BODY, where, "nested deeper than " + MAX_DEPTH);
    }
    switch (schema.getType()) {
      case NULL -> {}
      case BOOLEAN -> {
        int b = nextByte(where);
        if (b > 1) {
          throw fail(MALFORMED_BODY, where, "boolean byte " + b + ", expected 0 or 1");
        }
      }
      case INT -> readInt(where);
      case LONG -> readLong(where);
      case FLOAT -> skip(4, where);
      case DOUBLE -> skip(8, where);
      case FIXED -> skip(schema.getFixedSize(), where);
      case BYTES -> skip(readLength(where), where);
      case STRING -> string(where);
      case ENUM -> readIndex(schema.getEnumSymbols().size(), "enum symbol", where);
      case UNION -> {
        int branch = readIndex(schema.getTypes().size(), "union branch", where);
        value(schema.getTypes().get(branch), where, depth + 1);
      }
      case ARRAY -> blocks(schema.getElementType(), false, where, depth);
      case MAP -> blocks(schema.getValueType(), true, where, depth);
      case RECORD -> {
        for (Schema.Field field : schema.getFields()) {
          String path = depth == 0 ? field.name() : where + "." + field.name();
          value(field.schema(), path, depth + 1);
        }
      }
    }
  }

  /** Arrays and maps: blocks of items, each block a count (negative: followed by a byte size). */
  private void blocks(Schema item, boolean isMap, String where, int depth)
      throws RejectedRecordException {
    int minItemSize = minSize(item) + (isMap ? 1 : 0);
    for (long count = readLong(where); count != 0; count = readLong(where)) {
      long blockSize = -1;
      if (count < 0) {
        if (count == Long.MIN_VALUE) {
          throw fail(MALFORMED_BODY, where, "item count out of range");
        }
        count = -count;
        blockSize = readLength(where);
      }
      if (minItemSize > 0 && count > remaining() / minItemSize) {
        throw fail(
            TRUNCATED_BODY,
            where,
            count
                + " items need at least "
                + minItemSize
                + " bytes each, "
                + remaining()
                + " left");
      }
      if (minItemSize == 0) {
        zeroSizeItemBudget -= count;
        if (zeroSizeItemBudget < 0) {
          throw fail(MALFORMED_BODY, where, "more zero-byte items than bytes in the message");
        }
      }
      int blockStart = pos;
      for (long i = 0; i < count; i++) {
        if (isMap) {
          string(where + "{key}");
        }
        value(item, where, depth + 1);
      }
      if (blockSize >= 0 && pos - blockStart != blockSize) {
        throw fail(
            MALFORMED_BODY,
            where,
            "block declared " + blockSize + " bytes, its items took " + (pos - blockStart));
      }
    }
  }

  private void string(String where) throws RejectedRecordException {
    int length = readLength(where);
    try {
      utf8.reset().decode(ByteBuffer.wrap(bytes, pos, length));
    } catch (CharacterCodingException e) {
      throw fail(MALFORMED_BODY, where, "string is not valid UTF-8");
    }
    pos += length;
  }

  /** A byte length that must be non-negative and fit in what is left of the body. */
  private int readLength(String where) throws RejectedRecordException {
    long length = readLong(where);
    if (length < 0) {
      throw fail(MALFORMED_BODY, where, "negative length " + length);
    }
    if (length > remaining()) {
      throw fail(TRUNCATED_BODY, where, "length " + length + " but " + remaining() + " bytes left");
    }
    return (int) length;
  }

  private int readIndex(int size, String what, String where) throws RejectedRecordException {
    int index = readInt(where);
    if (index < 0 || index >= size) {
      throw fail(MALFORMED_BODY, where, what + " " + index + " out of range 0.." + (size - 1));
    }
    return index;
  }

  /** Zig-zag varint of at most 5 bytes, decoded the way Avro's BinaryDecoder does. */
  private int readInt(String where) throws RejectedRecordException {
    int raw = (int) readVarint(5, where);
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** Zig-zag varint of at most 10 bytes. */
  private long readLong(String where) throws RejectedRecordException {
    long raw = readVarint(10, where);
    return (raw >>> 1) ^ -(raw & 1);
  }

  private long readVarint(int maxBytes, String where) throws RejectedRecordException {
    long raw = 0;
    for (int i = 0; i < maxBytes; i++) {
      int b = nextByte(where);
      raw |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return raw;
      }
    }
    throw fail(MALFORMED_BODY, where, "varint longer than " + maxBytes + " bytes");
  }

  private int nextByte(String where) throws RejectedRecordException {
    if (pos >= bytes.length) {
      throw fail(TRUNCATED_BODY, where, "body ends at byte " + pos);
    }
    return bytes[pos++] & 0xff;
  }

  private void skip(long length, String where) throws RejectedRecordException {
    if (length > remaining()) {
      throw fail(TRUNCATED_BODY, where, "needs " + length + " bytes, " + remaining() + " left");
    }
    pos += (int) length;
  }

  private int remaining() {
    return bytes.length - pos;
  }

  /** The fewest bytes a value of the schema takes on the wire. */
  private static int minSize(Schema schema) {
    return switch (schema.getType()) {
      case NULL -> 0;
      case FLOAT -> 4;
      case DOUBLE -> 8;
      case FIXED -> schema.getFixedSize();
      // Record fields hold no record of their own type directly (only through a union, array or
      // map, which take at least one byte), so this recursion ends.
      case RECORD -> schema.getFields().stream().mapToInt(f -> minSize(f.schema())).sum();
      default -> 1;
    };
  }

  private RejectedRecordException fail(RejectReason reason, String where, String message) {
    return new RejectedRecordException(reason, "field " + where + ": " + message);
  }
}
