package org.chuanbo.jobs.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.chuanbo.jobs.records.RejectedRecord;

/**
 * The dead-letter contract (ARCHITECTURE.md): the original key and value bytes, untouched, with
 * headers that say why the record was rejected, where it came from and when.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<RejectedRecord> {

  public static final String REASON = "chuanbo.reject.reason";
  public static final String DETAIL = "chuanbo.reject.detail";
  public static final String SOURCE_TOPIC = "chuanbo.source.topic";
  public static final String SOURCE_PARTITION = "chuanbo.source.partition";
  public static final String SOURCE_OFFSET = "chuanbo.source.offset";
  public static final String REJECTED_AT = "chuanbo.rejected.at";

  private final String topic;

  public DeadLetterSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      RejectedRecord rejected, KafkaSinkContext context, Long timestamp) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON, utf8(rejected.reason()));
    headers.add(DETAIL, utf8(rejected.detail()));
    headers.add(SOURCE_TOPIC, utf8(rejected.original().topic()));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(rejected.original().partition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(rejected.original().offset())));
    headers.add(
        REJECTED_AT, utf8(java.time.Instant.ofEpochMilli(rejected.rejectedAtMillis()).toString()));
    return new ProducerRecord<>(
        topic, null, null, rejected.original().key(), rejected.original().value(), headers);
  }

  private static byte[] utf8(String text) {
    return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
  }
}
