package org.chuanbo.kafka.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends ready-made records (already encoded bytes) to Kafka in the given order, as a collector
 * would: idempotent producer, all acknowledgements, and a final flush that waits for every record.
 */
public final class RecordPublisher implements AutoCloseable {

  /**
   * One record to send: the bytes exactly as they should appear on the topic.
   *
   * @param timestampMillis the Kafka record timestamp (when the record was sent, epoch ms), or null
   *     for the producer's clock at sending
   */
  public record OutgoingBytes(String topic, byte[] key, byte[] value, Long timestampMillis) {

    /** A record stamped with the producer's clock when it is sent. */
    public OutgoingBytes(String topic, byte[] key, byte[] value) {
      this(topic, key, value, null);
    }
  }

  private final KafkaProducer<byte[], byte[]> producer;

  public RecordPublisher(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    producer =
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Sends all records and waits until Kafka has them; {@code progress} hears the count sent. */
  public void publish(List<OutgoingBytes> records, LongConsumer progress) {
    List<Future<RecordMetadata>> pending = new ArrayList<>();
    long sent = 0;
    for (OutgoingBytes record : records) {
      pending.add(
          producer.send(
              new ProducerRecord<>(
                  record.topic(), null, record.timestampMillis(), record.key(), record.value())));
      if (++sent % 10_000 == 0) {
        progress.accept(sent);
      }
    }
    producer.flush();
    for (Future<RecordMetadata> result : pending) {
      try {
        result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "Kafka refused a record: " + e.getCause().getMessage(), e.getCause());
      }
    }
    progress.accept(sent);
  }

  @Override
  public void close() {
    producer.close();
  }
}
