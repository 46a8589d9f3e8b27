package org.chuanbo.jobs.kafka;

import static org.chuanbo.schemas.RejectReason.TOO_SHORT;
import static org.chuanbo.schemas.RejectReason.TRUNCATED_BODY;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.chuanbo.jobs.functions.Pseudonymiser;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.catalog.SchemaVersion;
import org.chuanbo.schemas.wire.MessageLayout;

/**
 * What the dead-letter topic keeps of a rejected record's value. It is kept for 90 days, and user
 * and person ids never appear raw in it (DOMAIN.md: they are personal data; issue 9, "Privacy").
 * The rule: <b>no byte that could be a raw id survives; every byte that provably is none stays</b>.
 * "Provably" means by the writer schema's layout ({@link MessageLayout}): the lengths the bytes
 * declare are taken at their word, as the codec takes them.
 *
 * <ul>
 *   <li><b>A value that is one complete record of its writer schema</b> (it failed validation, e.g.
 *       NEGATIVE_DURATION or NEWER_CHANNEL, or is another topic's record) is re-encoded with the
 *       same writer schema behind the same single-object header, each id field holding its
 *       pseudonym from the job's {@link Pseudonymiser} — the tables' key, so an operator can match
 *       a dead letter to table rows. {@link Redacted#pseudonymised} names the fields replaced. A
 *       record without ids (an article, a platform count) keeps every byte as it was.
 *   <li><b>A value that does not decode</b> keeps the single-object header as far as there is one
 *       and, for a known fingerprint, the top-level fields read before reading stopped — except the
 *       characters of their id fields. Every other byte is overwritten with {@link #BLANK} ({@code
 *       '*'}): the length stays, so a record cut short stays cut at the same place and what is left
 *       still reads field by field (a blanked id reads as {@code "****"}). Where the bytes simply
 *       end (TRUNCATED, a short header) the unfinished field stays too, unless it is an id field: a
 *       record cut before its ids keeps all its bytes. Where reading failed (no marker: GARBAGE,
 *       JSON_INSTEAD_OF_AVRO; UNKNOWN_FINGERPRINT; a malformed field; trailing bytes) nothing from
 *       there on can be told apart from an id, so all of it is blanked. {@link
 *       Redacted#blankedBytes} says how many.
 * </ul>
 *
 * <p>Either way {@link Redacted#originalDigest} is the HMAC-SHA-256 of the original value under the
 * same key: with the source topic, partition and offset headers it identifies the original while
 * the source topic still retains it. Not a plain SHA-256: with every other byte of a record kept, a
 * structured id (set-top box {@code stb0774…}, member {@code dy…}) would fall to trying every
 * candidate against it.
 *
 * <p>A redacted dead letter can no longer be replayed as the original: its ids are pseudonyms or
 * blanks, and the job would pseudonymise a pseudonym again. Records rejected as UNKNOWN_SYMBOL (a
 * newer writer's channel or type) are recovered after the upgrade by replaying the source topic's
 * retained original, found through those headers, not the dead letter — within the source topic's
 * retention (7 days by default), not the dead-letter topic's 90.
 *
 * <p>The reject detail is text the validators write; none of them quotes an id (they name fields
 * and quote times, durations and share ids). Should one ever do, {@link #redact} replaces every id
 * it read from the value by its pseudonym there too.
 */
public final class DeadLetterRedaction implements Serializable {

  /**
   * Top-level fields that identify a person or a device: {@code user_id} (the channel's id of a
   * user or device: openid, cookie, set-top box) and {@code person_id} (the cross-channel
   * identity). The schemas are checked when this is built: such a field must be a string or an
   * optional string, and no nested record may have one.
   */
  public static final Set<String> ID_FIELDS = Set.of("user_id", "person_id");

  /** What blanked bytes are overwritten with: valid UTF-8, so a blanked string still reads. */
  public static final byte BLANK = '*';

  private final Pseudonymiser pseudonymiser;
  private transient SchemaCatalog catalog;

  public DeadLetterRedaction(Pseudonymiser pseudonymiser) {
    this.pseudonymiser = pseudonymiser;
    this.catalog = requireRedactable(SchemaCatalog.released());
  }

  /**
   * A value as the dead-letter topic may keep it.
   *
   * @param value the bytes to store
   * @param pseudonymised the id fields whose values were replaced by their pseudonyms, in schema
   *     order (empty when none was)
   * @param blankedBytes how many bytes were overwritten with {@link #BLANK}
   * @param originalDigest the keyed hash of the original value when {@code value} differs from it,
   *     else null
   * @param detail the reject detail, with any id read from the value replaced by its pseudonym
   */
  public record Redacted(
      byte[] value,
      List<String> pseudonymised,
      int blankedBytes,
      String originalDigest,
      String detail) {}

  public Redacted redact(byte[] original, String detail) {
    byte[] value = original == null ? new byte[0] : original;
    MessageLayout layout = MessageLayout.of(catalog(), value);
    List<String> ids = new ArrayList<>();
    Redacted redacted =
        layout.isComplete() ? pseudonymise(value, layout, ids) : blank(value, layout, ids);
    return new Redacted(
        redacted.value(),
        redacted.pseudonymised(),
        redacted.blankedBytes(),
        Arrays.equals(redacted.value(), value) ? null : pseudonymiser.keyedDigest(value),
        withoutIds(detail, ids));
  }

  /** A complete record: the same record, its ids replaced by their pseudonyms. */
  private Redacted pseudonymise(byte[] value, MessageLayout layout, List<String> ids) {
    Schema schema = layout.writer().schema();
    GenericRecord record;
    try {
      record =
          new GenericDatumReader<GenericRecord>(schema)
              .read(
                  null,
                  DecoderFactory.get()
                      .binaryDecoder(
                          value, layout.headerBytes(), value.length - layout.headerBytes(), null));
    } catch (IOException | AvroRuntimeException e) {
      throw new IllegalStateException(
          "the layout read every byte of a " + schema.getName() + ", Avro cannot: " + e, e);
    }
    List<String> replaced = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      Object id = ID_FIELDS.contains(field.name()) ? record.get(field.pos()) : null;
      if (id != null) {
        ids.add(id.toString());
        record.put(field.pos(), pseudonymiser.pseudonym(id.toString()));
        replaced.add(field.name());
      }
    }
    if (replaced.isEmpty()) {
      return new Redacted(value, List.of(), 0, null, null);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 64);
    out.write(value, 0, layout.headerBytes());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen writing to memory", e);
    }
    return new Redacted(out.toByteArray(), List.copyOf(replaced), 0, null, null);
  }

  /** A value that does not decode: what provably holds no id stays, the rest is blanked. */
  private Redacted blank(byte[] value, MessageLayout layout, List<String> ids) {
    byte[] kept = value.clone();
    int blanked = 0;
    for (MessageLayout.FieldExtent field : layout.fields()) {
      if (ID_FIELDS.contains(field.name())) {
        String id = idIn(layout.writer().schema().getField(field.name()), value, field);
        if (id != null) {
          ids.add(id);
          // A string's characters are the last bytes of its field (after the branch index and
          // the length), which stay: the record still reads, with the id as "****".
          int characters = id.getBytes(StandardCharsets.UTF_8).length;
          blanked += fill(kept, field.end() - characters, field.end());
        }
      }
    }
    MessageLayout.Stop stop = layout.stop();
    boolean bytesEnded = stop.reason() == TRUNCATED_BODY || stop.reason() == TOO_SHORT;
    boolean inIdField = stop.field() != null && ID_FIELDS.contains(stop.field());
    int keptUpTo = bytesEnded && !inIdField ? value.length : stop.at();
    blanked += fill(kept, keptUpTo, value.length);
    return new Redacted(kept, List.of(), blanked, null, null);
  }

  /** The id a complete id field holds (null for an absent optional one). */
  private static String idIn(Schema.Field field, byte[] value, MessageLayout.FieldExtent extent) {
    try {
      Object id =
          new GenericDatumReader<>(field.schema())
              .read(
                  null,
                  DecoderFactory.get()
                      .binaryDecoder(value, extent.start(), extent.end() - extent.start(), null));
      return id == null ? null : id.toString();
    } catch (IOException | AvroRuntimeException e) {
      throw new IllegalStateException(
          "the layout read " + field.name() + " completely, Avro cannot: " + e.getMessage(), e);
    }
  }

  private static int fill(byte[] bytes, int from, int to) {
    if (from >= to) {
      return 0;
    }
    Arrays.fill(bytes, from, to, BLANK);
    return to - from;
  }

  private String withoutIds(String detail, List<String> ids) {
    if (detail == null) {
      return null;
    }
    String text = detail;
    for (String id : ids) {
      if (!id.isEmpty()) {
        text = text.replace(id, pseudonymiser.pseudonym(id));
      }
    }
    return text;
  }

  private SchemaCatalog catalog() {
    if (catalog == null) {
      catalog = SchemaCatalog.released();
    }
    return catalog;
  }

  /**
   * Fails when the job is built, not at the first dead letter, if a schema puts an id where this
   * class would not find it (nested) or could not blank its characters (not a string).
   */
  static SchemaCatalog requireRedactable(SchemaCatalog catalog) {
    for (String name : catalog.recordNames()) {
      for (SchemaVersion version : catalog.versions(name)) {
        for (Schema.Field field : version.schema().getFields()) {
          if (ID_FIELDS.contains(field.name()) && !isOptionalString(field.schema())) {
            throw new IllegalStateException(
                version.resource()
                    + ": id field "
                    + field.name()
                    + " must be a string or an optional string for the dead-letter redaction");
          }
          requireNoNestedIds(
              field.schema(), version.resource() + " " + field.name(), new HashSet<>());
        }
      }
    }
    return catalog;
  }

  private static boolean isOptionalString(Schema schema) {
    return switch (schema.getType()) {
      case STRING -> true;
      case UNION ->
          schema.getTypes().stream()
              .allMatch(t -> t.getType() == Schema.Type.STRING || t.getType() == Schema.Type.NULL);
      default -> false;
    };
  }

  private static void requireNoNestedIds(Schema schema, String where, Set<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) {
          return; // a recursive schema: this record is being checked already
        }
        for (Schema.Field field : schema.getFields()) {
          if (ID_FIELDS.contains(field.name())) {
            throw new IllegalStateException(
                where + ": a nested record has id field " + field.name() + ", not redacted");
          }
          requireNoNestedIds(field.schema(), where + "." + field.name(), seen);
        }
      }
      case UNION -> schema.getTypes().forEach(t -> requireNoNestedIds(t, where, seen));
      case ARRAY -> requireNoNestedIds(schema.getElementType(), where, seen);
      case MAP -> requireNoNestedIds(schema.getValueType(), where, seen);
      default -> {}
    }
  }
}
