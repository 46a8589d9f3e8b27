package org.chuanbo.jobs.records;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes an {@link EnrichedEvent} field after field, in the record's order, for the four shuffles
 * every event takes and the join's waiting list. Flink's POJO serializer did the same through
 * reflection, a null flag per field, a record builder per event and strings a character at a time:
 * with the network stack around it, 23 % of the Java samples of an end-to-end profile (JFR), and
 * 1.6 times this serializer's time per round trip (README, "Microbenchmarks").
 *
 * <p>The format: each string as its UTF-8 bytes after their count (null included, {@link
 * #writeString}), the two times as longs, {@code durationMs} as a presence flag and a long, {@code
 * attributes} as its size (-1 for null) and its keys and values. It is what the job's checkpoints
 * and savepoints hold: changing it, or the record's fields, needs a new snapshot version that still
 * reads this one ({@link EnrichedEventSerializerSnapshot}).
 *
 * <p>Events are immutable and no operator changes a map it is handed, so a copy is the event
 * itself.
 */
public final class EnrichedEventSerializer extends TypeSerializerSingleton<EnrichedEvent> {

  private static final long serialVersionUID = 1L;

  public static final EnrichedEventSerializer INSTANCE = new EnrichedEventSerializer();

  /** What {@link #createInstance} hands Flink to deserialize into; never filled, only replaced. */
  private static final EnrichedEvent EMPTY =
      new EnrichedEvent(
          "", "", 0, "", null, "", "", null, "", "", null, null, null, null, null, null, 0);

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public EnrichedEvent createInstance() {
    return EMPTY;
  }

  @Override
  public EnrichedEvent copy(EnrichedEvent from) {
    return from;
  }

  @Override
  public EnrichedEvent copy(EnrichedEvent from, EnrichedEvent reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(EnrichedEvent event, DataOutputView out) throws IOException {
    writeString(event.eventId(), out);
    writeString(event.eventType(), out);
    out.writeLong(event.eventTimeMillis());
    writeString(event.articleId(), out);
    writeString(event.office(), out);
    writeString(event.channel(), out);
    writeString(event.userId(), out);
    writeString(event.personId(), out);
    writeString(event.reachKey(), out);
    writeString(event.terminal(), out);
    writeString(event.region(), out);
    writeString(event.shareId(), out);
    writeString(event.viaShareId(), out);
    writeString(event.outlet(), out);
    Long durationMs = event.durationMs();
    out.writeBoolean(durationMs != null);
    if (durationMs != null) {
      out.writeLong(durationMs);
    }
    writeAttributes(event.attributes(), out);
    out.writeLong(event.kafkaTimestampMillis());
  }

  @Override
  public EnrichedEvent deserialize(DataInputView in) throws IOException {
    return new EnrichedEvent(
        readString(in),
        readString(in),
        in.readLong(),
        readString(in),
        readString(in),
        readString(in),
        readString(in),
        readString(in),
        readString(in),
        readString(in),
        readString(in),
        readString(in),
        readString(in),
        readString(in),
        in.readBoolean() ? in.readLong() : null,
        readAttributes(in),
        in.readLong());
  }

  @Override
  public EnrichedEvent deserialize(EnrichedEvent reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<EnrichedEvent> snapshotConfiguration() {
    return new EnrichedEventSerializerSnapshot();
  }

  /**
   * A string as its UTF-8 bytes after their count plus one (0 for null) as a variable-length int:
   * most of an event is ASCII (ids, pseudonyms, codes), which Java encodes and decodes as one array
   * copy, where Flink's {@code StringValue} writes and reads it a character at a time.
   */
  private static void writeString(String value, DataOutputView out) throws IOException {
    if (value == null) {
      out.writeByte(0);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarInt(utf8.length + 1, out);
    out.write(utf8);
  }

  private static String readString(DataInputView in) throws IOException {
    int lengthPlusOne = readVarInt(in);
    if (lengthPlusOne == 0) {
      return null;
    }
    byte[] utf8 = new byte[lengthPlusOne - 1];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static void writeVarInt(int value, DataOutputView out) throws IOException {
    while ((value & ~0x7F) != 0) {
      out.writeByte((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.writeByte(value);
  }

  private static int readVarInt(DataInputView in) throws IOException {
    int value = 0;
    for (int shift = 0; ; shift += 7) {
      byte next = in.readByte();
      value |= (next & 0x7F) << shift;
      if (next >= 0) {
        return value;
      }
    }
  }

  private static void writeAttributes(Map<String, String> attributes, DataOutputView out)
      throws IOException {
    if (attributes == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(attributes.size());
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      writeString(attribute.getKey(), out);
      writeString(attribute.getValue(), out);
    }
  }

  private static Map<String, String> readAttributes(DataInputView in) throws IOException {
    int size = in.readInt();
    if (size < 0) {
      return null;
    }
    // Sized so that the map never rehashes while it is filled.
    Map<String, String> attributes = new HashMap<>(size * 4 / 3 + 1);
    for (int i = 0; i < size; i++) {
      attributes.put(readString(in), readString(in));
    }
    return attributes;
  }
}
