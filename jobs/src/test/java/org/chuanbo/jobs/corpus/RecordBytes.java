package org.chuanbo.jobs.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * A valid single-object message kept as its header and one encoding per field, in schema order, so
 * that a corpus record can break one field (replace its bytes) or be cut at a named place ("inside
 * the event time's varint") instead of at a magic offset. Immutable.
 */
final class RecordBytes {

  private final byte[] header;
  private final LinkedHashMap<String, byte[]> fields;

  private RecordBytes(byte[] header, LinkedHashMap<String, byte[]> fields) {
    this.header = header;
    this.fields = fields;
  }

  /** The message {@code codec} writes for {@code record}, field by field. */
  static RecordBytes of(AvroSingleObjectCodec codec, GenericRecord record) {
    byte[] whole = codec.encode(record);
    LinkedHashMap<String, byte[]> fields = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      fields.put(field.name(), encode(field.schema(), record.get(field.pos())));
    }
    RecordBytes bytes =
        new RecordBytes(Arrays.copyOf(whole, AvroSingleObjectCodec.HEADER_SIZE), fields);
    if (!Arrays.equals(bytes.bytes(), whole)) {
      throw new IllegalStateException("field encodings do not add up to the codec's message");
    }
    return bytes;
  }

  /** The same message with one field's bytes replaced by {@code encoded}, broken or not. */
  RecordBytes with(String field, byte[] encoded) {
    requireField(field);
    LinkedHashMap<String, byte[]> changed = new LinkedHashMap<>(fields);
    changed.put(field, encoded);
    return new RecordBytes(header, changed);
  }

  /** The same body behind another writer-schema fingerprint. */
  RecordBytes withFingerprint(long fingerprint) {
    byte[] changed = header.clone();
    ByteBuffer.wrap(changed, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint);
    return new RecordBytes(changed, fields);
  }

  /** The whole message. */
  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    fields.values().forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** The binary body alone, without the single-object header. */
  byte[] body() {
    byte[] whole = bytes();
    return Arrays.copyOfRange(whole, header.length, whole.length);
  }

  /** The message cut after the first {@code keep} bytes of {@code field}'s encoding. */
  byte[] cutInside(String field, int keep) {
    requireField(field);
    if (keep < 0 || keep >= fields.get(field).length) {
      throw new IllegalArgumentException(
          "keep " + keep + " of " + fields.get(field).length + " bytes of " + field);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    for (Map.Entry<String, byte[]> entry : fields.entrySet()) {
      if (entry.getKey().equals(field)) {
        out.write(entry.getValue(), 0, keep);
        return out.toByteArray();
      }
      out.writeBytes(entry.getValue());
    }
    throw new IllegalStateException("unreachable");
  }

  /** The message cut just before {@code field} begins. */
  byte[] cutBefore(String field) {
    return cutInside(field, 0);
  }

  /** The encoding of one field as it is now. */
  byte[] field(String field) {
    requireField(field);
    return fields.get(field).clone();
  }

  private void requireField(String field) {
    if (!fields.containsKey(field)) {
      throw new IllegalArgumentException("no field " + field + " in " + fields.keySet());
    }
  }

  private static byte[] encode(Schema schema, Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new GenericDatumWriter<>(schema).write(value, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
