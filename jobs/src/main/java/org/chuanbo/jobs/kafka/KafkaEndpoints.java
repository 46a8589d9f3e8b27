package org.chuanbo.jobs.kafka;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.chuanbo.jobs.functions.Pseudonymiser;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.Topics;

/**
 * The job's Kafka sources and dead-letter sink for one cluster. Offsets are committed with
 * checkpoints (they are in Flink's state; the group's committed offsets are for monitoring), and
 * only committed transactions are read.
 */
public record KafkaEndpoints(String bootstrapServers, String groupId) {

  public KafkaSource<RawRecord> source(String topic, boolean stopAtLatest) {
    KafkaSourceBuilder<RawRecord> builder =
        KafkaSource.<RawRecord>builder()
            .setBootstrapServers(bootstrapServers)
            .setTopics(topic)
            .setGroupId(groupId)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new RawRecordDeserializer())
            .setProperty("isolation.level", "read_committed")
            .setProperty("partition.discovery.interval.ms", "10000");
    if (stopAtLatest) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /** The topic's source, which also tells Flink when it is catching up on a backlog. */
  public BacklogReportingSource<RawRecord, ?, ?> backlogReportingSource(
      String topic, BacklogRule rule) {
    return new BacklogReportingSource<>(source(topic, false), rule);
  }

  /**
   * At least once: a record may reach the dead-letter topic twice after a restart, never zero
   * times. Its copies carry no raw user or person id: {@code pseudonymiser} (the job's own)
   * replaces them, see {@link DeadLetterRedaction}.
   */
  public KafkaSink<RejectedRecord> deadLetterSink(Pseudonymiser pseudonymiser) {
    return KafkaSink.<RejectedRecord>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(
            new DeadLetterSerializer(Topics.EVENTS_DLQ, new DeadLetterRedaction(pseudonymiser)))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
