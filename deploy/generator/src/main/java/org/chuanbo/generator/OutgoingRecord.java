package org.chuanbo.generator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.chuanbo.schemas.Topics;

/**
 * One Kafka record to send, in send order. The arrays are not copied (a day holds ~90,000 records;
 * a duplicate shares its original's value): treat them as read-only.
 *
 * @param topic {@link Topics#ARTICLES}, {@link Topics#EVENTS} or {@link Topics#PLATFORM_COUNTS}
 * @param key the article_id in UTF-8 (the key of every topic)
 * @param value the Avro single-object encoding (or, for {@link RecordKind#MALFORMED}, whatever
 *     broken bytes a faulty producer would send)
 * @param sendAtMillis when to send it, epoch ms: the stream's own "now" for this record; never
 *     before the event, version or report (its as_of) it carries
 * @param kind what it is, for tests; not part of the Kafka record
 */
public record OutgoingRecord(
    String topic, byte[] key, byte[] value, long sendAtMillis, RecordKind kind) {

  public OutgoingRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(kind, "kind");
  }

  /** The key as text: the article_id. */
  public String keyText() {
    return new String(key, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OutgoingRecord that
        && topic.equals(that.topic)
        && Arrays.equals(key, that.key)
        && Arrays.equals(value, that.value)
        && sendAtMillis == that.sendAtMillis
        && kind == that.kind;
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, Arrays.hashCode(key), Arrays.hashCode(value), sendAtMillis, kind);
  }

  @Override
  public String toString() {
    return "OutgoingRecord["
        + topic
        + ", key="
        + keyText()
        + ", "
        + value.length
        + " bytes, sendAt="
        + sendAtMillis
        + ", "
        + kind
        + "]";
  }
}
