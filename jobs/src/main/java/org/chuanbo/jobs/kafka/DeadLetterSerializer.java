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

  /** On a truncated dead letter: how many bytes the original value had. */
  public static final String TRUNCATED_FROM = "chuanbo.truncated.from.bytes";

  /**
   * The most bytes of the original value a dead letter carries. A record just under the broker's
   * limit (1 MiB by default) would be over it once the reason headers are added, and the sink would
   * fail on it forever; so a larger value is cut to this, with {@link #TRUNCATED_FROM} saying so.
   * The reason and source offset still lead to the original, kept in its own topic.
   */
  public static final int MAX_VALUE_BYTES = 512 * 1024;

  /** Keys are article ids; a key this long is garbage and is cut like a value. */
  static final int MAX_KEY_BYTES = 4 * 1024;

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
    byte[] value = rejected.original().value();
    if (value != null && value.length > MAX_VALUE_BYTES) {
      headers.add(TRUNCATED_FROM, utf8(Integer.toString(value.length)));
      value = java.util.Arrays.copyOf(value, MAX_VALUE_BYTES);
    }
    byte[] key = rejected.original().key();
    if (key != null && key.length > MAX_KEY_BYTES) {
      key = java.util.Arrays.copyOf(key, MAX_KEY_BYTES);
    }
    return new ProducerRecord<>(topic, null, null, key, value, headers);
  }

  /** Header text, the detail cut short: a detail quotes values, and values can be huge. */
  private static byte[] utf8(String text) {
    return headerText(text).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code text} cut to what a header may carry. */
  static String headerText(String text) {
    String value = text == null ? "" : text;
    if (value.length() > MAX_HEADER_CHARS) {
      value = value.substring(0, MAX_HEADER_CHARS) + "…";
    }
    return value;
  }

  private static final int MAX_HEADER_CHARS = 2_000;
}
