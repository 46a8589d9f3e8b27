package org.chuanbo.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.jobs.clickhouse.ClickHouseSink;
import org.chuanbo.jobs.kafka.DeadLetterSerializer;
import org.chuanbo.jobs.tables.EventsTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generator → a real Kafka broker → the job on a MiniCluster (parallelism 2) → the local
 * ClickHouse; every table is compared with an independent recomputation from the generated raw
 * events (GeneratedStreamFacts), duplicates, late events and malformed records included.
 */
class DisseminationPipelineITCase {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  @TempDir Path temp;
  private PipelineTestBed bed;
  private Client client;
  private ExactTables exact;

  @BeforeEach
  void startKafkaAndCleanTables() throws Exception {
    bed = PipelineTestBed.start(temp);
    client = bed.client();
    exact = new ExactTables(client);
  }

  @AfterEach
  void stopKafka() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void shouldWriteExactlyWhatTheRawEventsAddUpTo() throws Exception {
    List<OutgoingRecord> stream = StreamGenerator.generate(PipelineTestBed.settings(11));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    assertThat(expected.events()).as("a real day's worth of events").hasSizeGreaterThan(5_000);
    assertThat(expected.duplicatesDropped()).as("duplicates in the stream").isPositive();
    assertThat(expected.rejectedEventCount()).as("malformed records in the stream").isPositive();
    bed.publish(stream);
    JobClient job = bed.startJob();
    try {
      bed.awaitCaughtUp(expected);
    } finally {
      job.cancel().get();
    }
    exact.assertTablesMatch(expected);
    exact.assertSpreadMatches(expected);
    assertDeadLettersMatch(expected);
    exact.assertIngestQualityMatches(expected);
  }

  @Test
  void shouldStayExactAcrossAFailureAndRestoreFromCheckpoint() throws Exception {
    List<OutgoingRecord> stream = StreamGenerator.generate(PipelineTestBed.settings(12));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    FailingOnceSink.FAILED.set(false);
    FailingOnceSink.ROWS.set(0);
    bed.publish(stream.subList(0, stream.size() / 2));
    JobClient job =
        bed.startJob(
            new FailingOnceSink<>(
                new ClickHouseSink<>(bed.clickHouse(), EventsTable.MAPPING),
                expected.events().size() / 3));
    try {
      Awaitility.await().atMost(Duration.ofMinutes(2)).until(FailingOnceSink.FAILED::get);
      bed.publish(stream.subList(stream.size() / 2, stream.size()));
      bed.awaitCaughtUp(expected);
    } finally {
      job.cancel().get();
    }
    assertThat(FailingOnceSink.FAILED).isTrue();
    exact.assertTablesMatch(expected);
    exact.assertSpreadMatches(expected);
    exact.assertIngestQualityMatches(expected);
  }

  /**
   * The production wiring ({@link DisseminationJob#prepare}, as main runs it on a cluster) from a
   * settings file: RocksDB with incremental checkpoints into a file: directory, the key from the
   * environment. The same stream must give the same tables as the heap-backed job above.
   */
  @Test
  void shouldWriteTheSameTablesWhenStartedFromASettingsFileWithRocksDb() throws Exception {
    List<OutgoingRecord> stream = StreamGenerator.generate(PipelineTestBed.settings(13));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    Path checkpoints = temp.resolve("checkpoints");
    Path settings =
        bed.writeSettingsFile(
            temp.resolve("chuanbo-job.properties"),
            checkpoints,
            "state.backend=rocksdb",
            "state.incremental=true");
    bed.publish(stream);
    JobClient job = bed.startProductionJob(settings);
    try {
      bed.awaitCaughtUp(expected);
    } finally {
      job.cancel().get();
    }
    exact.assertTablesMatch(expected);
    exact.assertSpreadMatches(expected);
    exact.assertIngestQualityMatches(expected);
    try (var files = java.nio.file.Files.list(checkpoints.resolve(job.getJobID().toString()))) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .as("the job's checkpoints were kept on cancel")
          .anyMatch(name -> name.startsWith("chk-"));
    }
    try (var shared =
        java.nio.file.Files.list(
            checkpoints.resolve(job.getJobID().toString()).resolve("shared"))) {
      assertThat(shared.count())
          .as("RocksDB's incremental checkpoints upload its files to shared/; the heap's do not")
          .isPositive();
    }
  }

  private void assertDeadLettersMatch(GeneratedStreamFacts expected) {
    long expectedCount = ExactTables.expectedDeadLetters(expected);
    Map<String, Long> reasons = new TreeMap<>();
    List<ConsumerRecord<byte[], byte[]>> records = bed.deadLetters(expectedCount);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      String reason =
          new String(
              record.headers().lastHeader(DeadLetterSerializer.REASON).value(),
              StandardCharsets.UTF_8);
      reasons.merge(reason, 1L, Long::sum);
      assertThat(record.headers().lastHeader(DeadLetterSerializer.SOURCE_TOPIC)).isNotNull();
      assertThat(
              Instant.parse(
                  new String(
                      record.headers().lastHeader(DeadLetterSerializer.REJECTED_AT).value(),
                      StandardCharsets.UTF_8)))
          .isBefore(Instant.now().plusSeconds(1));
    }
    assertThat(records).hasSize((int) expectedCount);
    Map<String, Long> expectedReasons = new TreeMap<>();
    expected
        .rejectedEvents()
        .forEach((reason, count) -> expectedReasons.merge(reason.name(), count, Long::sum));
    expected
        .rejectedArticles()
        .forEach((reason, count) -> expectedReasons.merge(reason.name(), count, Long::sum));
    expected
        .rejectedPlatformCounts()
        .forEach((reason, count) -> expectedReasons.merge(reason.name(), count, Long::sum));
    assertThat(reasons).isEqualTo(expectedReasons);
    assertThat(expectedCount).as("the stream holds malformed records").isPositive();
  }

  private long scalar(String sql) {
    return bed.scalar(sql);
  }
}
