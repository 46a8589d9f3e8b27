package org.chuanbo.jobs.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.chuanbo.jobs.records.RejectedRecord;

/**
 * The dead-letter contract (ARCHITECTURE.md): the original key, and the original value as far as it
 * holds no raw user or person id ({@link DeadLetterRedaction}: ids become pseudonyms, or are
 * blanked where the value does not decode), with headers that say why the record was rejected,
 * where it came from, when, and what was redacted.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<RejectedRecord> {

  public static final String REASON = "chuanbo.reject.reason";
  public static final String DETAIL = "chuanbo.reject.detail";
  public static final String SOURCE_TOPIC = "chuanbo.source.topic";
  public static final String SOURCE_PARTITION = "chuanbo.source.partition";
  public static final String SOURCE_OFFSET = "chuanbo.source.offset";
  public static final String REJECTED_AT = "chuanbo.rejected.at";

  /**
   * On a truncated dead letter: how many bytes the value had before it was cut (after redaction,
   * which keeps the length or, replacing ids by pseudonyms, changes it by a few bytes).
   */
  public static final String TRUNCATED_FROM = "chuanbo.truncated.from.bytes";

  /** The id fields whose values were replaced by their pseudonyms, comma-separated. */
  public static final String REDACTED = "chuanbo.redacted";

  /** How many bytes of the value were overwritten with {@link DeadLetterRedaction#BLANK}. */
  public static final String BLANKED_BYTES = "chuanbo.blanked.bytes";

  /**
   * On a redacted dead letter: the HMAC-SHA-256 (hex, the pseudonym key) of the original value, to
   * confirm which record of the source topic it was while that topic still retains it.
   */
  public static final String ORIGINAL_HMAC = "chuanbo.original.hmac-sha256";

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
  private final DeadLetterRedaction redaction;

  public DeadLetterSerializer(String topic, DeadLetterRedaction redaction) {
    this.topic = topic;
    this.redaction = redaction;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      RejectedRecord rejected, KafkaSinkContext context, Long timestamp) {
    DeadLetterRedaction.Redacted redacted =
        redaction.redact(rejected.original().value(), rejected.detail());
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON, utf8(rejected.reason()));
    headers.add(DETAIL, utf8(redacted.detail()));
    headers.add(SOURCE_TOPIC, utf8(rejected.original().topic()));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(rejected.original().partition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(rejected.original().offset())));
    headers.add(
        REJECTED_AT, utf8(java.time.Instant.ofEpochMilli(rejected.rejectedAtMillis()).toString()));
    if (!redacted.pseudonymised().isEmpty()) {
      headers.add(REDACTED, utf8(String.join(",", redacted.pseudonymised())));
    }
    if (redacted.blankedBytes() > 0) {
      headers.add(BLANKED_BYTES, utf8(Integer.toString(redacted.blankedBytes())));
    }
    if (redacted.originalDigest() != null) {
      headers.add(ORIGINAL_HMAC, utf8(redacted.originalDigest()));
    }
    // Cut after redacting: a cut can only drop bytes, so it never brings an id back.
    byte[] value = redacted.value();
    if (value.length > MAX_VALUE_BYTES) {
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
