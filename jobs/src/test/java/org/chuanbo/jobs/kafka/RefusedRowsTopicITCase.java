package org.chuanbo.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.chuanbo.kafka.local.ContractTopics;
import org.chuanbo.kafka.local.LocalKafka;
import org.chuanbo.kafka.local.LocalKafkaSettings;
import org.chuanbo.kafka.local.LoopbackPorts;
import org.chuanbo.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A row ClickHouse refused, in the real dead-letter topic with its reason and table. */
class RefusedRowsTopicITCase {

  @TempDir Path temp;

  @Test
  void shouldKeepTheRefusedRowWithItsReasonInTheDeadLetterTopic() throws Exception {
    LocalKafka kafka =
        new LocalKafka(
            LocalKafkaSettings.in(temp.resolve("kafka")).withPort(LoopbackPorts.freePort()));
    kafka.start();
    try {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        ContractTopics.createMissing(admin);
      }
      try (RefusedRowsTopic refused =
          new RefusedRowsTopic(kafka.bootstrapServers(), Topics.EVENTS_DLQ)) {
        refused.refuse(
            "chuanbo.events",
            "{\"n\":\"seven\"}".getBytes(StandardCharsets.UTF_8),
            "Code: 27. Cannot parse input");
      }
      ConsumerRecord<byte[], byte[]> record = onlyRecord(kafka.bootstrapServers());
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":\"seven\"}");
      assertThat(header(record, DeadLetterSerializer.REASON)).isEqualTo("REFUSED_BY_CLICKHOUSE");
      assertThat(header(record, DeadLetterSerializer.DETAIL)).contains("Cannot parse input");
      assertThat(header(record, RefusedRowsTopic.SOURCE_TABLE)).isEqualTo("chuanbo.events");
      assertThat(header(record, DeadLetterSerializer.REJECTED_AT)).isNotBlank();
    } finally {
      kafka.stop();
    }
  }

  private static ConsumerRecord<byte[], byte[]> onlyRecord(String bootstrap) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "refused-rows-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.EVENTS_DLQ));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      assertThat(records).hasSize(1);
      return records.get(0);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
