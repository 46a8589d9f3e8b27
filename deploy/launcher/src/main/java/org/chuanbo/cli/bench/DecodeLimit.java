package org.chuanbo.cli.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * The limit: one plain KafkaConsumer reading the loaded events topic from the start and decoding
 * every record exactly as the job's {@code DecodeEvents} does (the same codec on the released
 * schemas, then {@link DisseminationEvent#fromGenericRecord}), then discarding it. What the machine
 * can deliver to the job; the job cannot be faster than this, only a fraction of it.
 */
public final class DecodeLimit {

  /** Records read and decoded (bad ones included: the job decodes them too) and the time taken. */
  public record Result(long records, long undecodable, double seconds) {
    public double recordsPerSecond() {
      return records / seconds;
    }
  }

  private DecodeLimit() {}

  public static Result run(String bootstrap, Progress progress) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // The same fetch sizes the Flink Kafka source uses by default: the limit is the client's.
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    AvroSingleObjectCodec codec =
        AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.EVENTS).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long total = end.values().stream().mapToLong(Long::longValue).sum();
      progress.line("limit: one KafkaConsumer reads and decodes %,d records …", total);
      long read = 0;
      long undecodable = 0;
      long start = System.nanoTime();
      while (read < total) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          read++;
          try {
            DisseminationEvent.fromGenericRecord(codec.decode(record.value()));
          } catch (RejectedRecordException | RuntimeException e) {
            // A malformed record costs the job the same attempt; it is counted, not skipped.
            undecodable++;
          }
        }
      }
      return new Result(read, undecodable, (System.nanoTime() - start) / 1e9);
    }
  }
}
