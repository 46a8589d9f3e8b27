package org.chuanbo.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {

  private final DeadLetterSerializer serializer = new DeadLetterSerializer("chuanbo.events.dlq");

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
  void shouldKeepAnOrdinaryRecordByteForByte() {
    byte[] value = "not avro".getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> record = serialize("a1".getBytes(), value, "no marker");
    assertThat(record.value()).isEqualTo(value);
    assertThat(header(record, DeadLetterSerializer.REASON)).isEqualTo("BAD_MARKER");
    assertThat(header(record, DeadLetterSerializer.SOURCE_OFFSET)).isEqualTo("42");
    assertThat(header(record, DeadLetterSerializer.TRUNCATED_FROM)).isNull();
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
