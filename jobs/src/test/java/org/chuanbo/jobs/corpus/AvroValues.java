package org.chuanbo.jobs.corpus;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Avro binary encodings of single values, written by hand so that a corpus record can hold exactly
 * the broken bytes it is named for (a negative length, an over-long varint, invalid UTF-8), which
 * Avro's own encoder would refuse to write.
 */
final class AvroValues {

  private AvroValues() {}

  /** A zig-zag varint, as Avro writes every int and long (and lengths, counts and indexes). */
  static byte[] longValue(long value) {
    long zigZag = (value << 1) ^ (value >> 63);
    ByteArrayOutputStream out = new ByteArrayOutputStream(10);
    while ((zigZag & ~0x7FL) != 0) {
      out.write((int) ((zigZag & 0x7F) | 0x80));
      zigZag >>>= 7;
    }
    out.write((int) zigZag);
    return out.toByteArray();
  }

  /** An enum symbol's or a union branch's index (an Avro int). */
  static byte[] index(int value) {
    return longValue(value);
  }

  static byte[] string(String value) {
    return utf8(value.getBytes(StandardCharsets.UTF_8));
  }

  /** A string field holding these bytes as they are, valid UTF-8 or not. */
  static byte[] utf8(byte[] bytes) {
    return concat(longValue(bytes.length), bytes);
  }

  /** The non-null branch (index 1) of an optional {@code ["null", T]} field. */
  static byte[] present(byte[] value) {
    return concat(index(1), value);
  }

  /** The null branch (index 0) of an optional field. */
  static byte[] absent() {
    return index(0);
  }

  /** A map of strings in one block, then the end-of-map zero. */
  static byte[] stringMap(Map<String, String> map) {
    if (map.isEmpty()) {
      return longValue(0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(longValue(map.size()));
    map.forEach(
        (key, value) -> {
          out.writeBytes(string(key));
          out.writeBytes(string(value));
        });
    out.writeBytes(longValue(0));
    return out.toByteArray();
  }

  static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
