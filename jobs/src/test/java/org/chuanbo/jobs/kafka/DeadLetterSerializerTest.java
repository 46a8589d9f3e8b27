package org.chuanbo.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {

  private final DeadLetterSerializer serializer =
      new DeadLetterSerializer(
          "chuanbo.events.dlq", new DeadLetterRedaction(RejectedEvents.PSEUDONYMISER));

  private ProducerRecord<byte[], byte[]> serialize(byte[] key, byte[] value, String detail) {
    return serializer.serialize(
        new RejectedRecord(
            new RawRecord("chuanbo.events", 3, 42, 0, key, value), "BAD_MARKER", detail, 0),
        null,
        null);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldKeepARecordWithoutIdsByteForByte() {
    byte[] value = RejectedEvents.encode(RejectedEvents.event());
    byte[] cut = Arrays.copyOf(value, 30); // cut short inside event_id: no id in it
    ProducerRecord<byte[], byte[]> record = serialize("a1".getBytes(), cut, "cut short");
    assertThat(record.value()).isEqualTo(cut);
    assertThat(header(record, DeadLetterSerializer.REASON)).isEqualTo("BAD_MARKER");
    assertThat(header(record, DeadLetterSerializer.SOURCE_OFFSET)).isEqualTo("42");
    assertThat(header(record, DeadLetterSerializer.TRUNCATED_FROM)).isNull();
    assertThat(header(record, DeadLetterSerializer.BLANKED_BYTES)).isNull();
  }

  @Test
  void shouldBlankAValueItCannotRead() {
    byte[] value = "not avro, user oQ7_kdnW3ZpL2mXv9TbYc8sR1eHf".getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> record = serialize("a1".getBytes(), value, "no marker");
    assertThat(record.value()).hasSameSizeAs(value).containsOnly(DeadLetterRedaction.BLANK);
    assertThat(header(record, DeadLetterSerializer.BLANKED_BYTES))
        .isEqualTo(Integer.toString(value.length));
    assertThat(header(record, DeadLetterSerializer.ORIGINAL_HMAC))
        .isEqualTo(RejectedEvents.PSEUDONYMISER.keyedDigest(value));
  }

  @Test
  void shouldCutARecordThatWouldNotFitTheBrokerAndSaySo() {
    byte[] value = new byte[1_000_000]; // just under the broker's 1 MiB default
    Arrays.fill(value, (byte) 7);
    byte[] key = new byte[100_000];
    ProducerRecord<byte[], byte[]> record = serialize(key, value, "x".repeat(200_000));
    assertThat(record.value()).hasSize(DeadLetterSerializer.MAX_VALUE_BYTES);
    assertThat(record.key()).hasSize(DeadLetterSerializer.MAX_KEY_BYTES);
    assertThat(header(record, DeadLetterSerializer.TRUNCATED_FROM)).isEqualTo("1000000");
    int headerBytes = 0;
    for (var header : record.headers()) {
      headerBytes += header.key().length() + header.value().length;
    }
    assertThat(record.value().length + record.key().length + headerBytes)
        .as("the whole dead letter stays well under the broker's 1 MiB")
        .isLessThan(600 * 1024);
  }
}
