package org.chuanbo.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.kafka.local.LocalKafka;
import org.chuanbo.kafka.local.LocalKafkaSettings;
import org.chuanbo.kafka.local.LoopbackPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events source tells Flink when it catches up, measured on a real broker, and Flink, on a real
 * MiniCluster, checkpoints at the longer interval meanwhile, and at the normal one once it has
 * caught up.
 */
class BacklogReportingSourceITCase {

  private static final int RECORDS = 20_000;
  private static final int PARTITIONS = 2;

  @TempDir static Path temp;
  private static LocalKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka =
        new LocalKafka(
            LocalKafkaSettings.in(temp.resolve("kafka")).withPort(LoopbackPorts.freePort()));
    kafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.stop();
  }

  @Test
  void flinkCheckpointsAtTheBacklogIntervalWhileCatchingUpAndAtItsOwnAfter() throws Exception {
    String topic = topicWrittenAnHourAgo("checkpoints");
    KafkaEndpoints endpoints = new KafkaEndpoints(kafka.bootstrapServers(), "checkpoints");
    Run plain = run(endpoints.source(topic, false));
    Run reporting =
        run(endpoints.backlogReportingSource(topic, BacklogRule.of(Duration.ofSeconds(3))));

    assertThat(plain.longestGapWhileReading())
        .as("without the report, checkpoints every 200 ms while reading")
        .isLessThan(1_500);
    assertThat(reporting.longestGapWhileReading())
        .as("catching up: checkpoints 3 s apart")
        .isGreaterThanOrEqualTo(2_500);
    assertThat(reporting.checkpointsAfterCaughtUp())
        .as("caught up: back to 200 ms")
        .isGreaterThanOrEqualTo(5);
  }

  /** When each checkpoint completed and when the last record went by, in ms since the start. */
  private record Run(List<Long> checkpoints, long lastRecord, long end) {

    long longestGapWhileReading() {
      long longest = 0;
      for (int i = 1; i < checkpoints.size() && checkpoints.get(i - 1) < lastRecord; i++) {
        longest = Math.max(longest, checkpoints.get(i) - checkpoints.get(i - 1));
      }
      return longest;
    }

    /** Checkpoints in the last 3 s of the run, well after the last record. */
    long checkpointsAfterCaughtUp() {
      return checkpoints.stream().filter(at -> at > end - 3_000).count();
    }
  }

  private static <S extends Source<RawRecord, ?, ?>> Run run(S source) throws Exception {
    Timeline.reset();
    Configuration configuration = new Configuration();
    configuration.set(
        CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG, Duration.ofSeconds(3));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration);
    env.setParallelism(1);
    env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
    // One chain: source, a slow step, a sink. Catching up takes seconds, and no buffers between
    // tasks hold a checkpoint's barrier back, so its gaps are the intervals Flink chose.
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "records")
        .map(new SlowStep())
        .sinkTo(new DiscardingSink<>());
    JobClient job = env.executeAsync();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (Timeline.records.get() < RECORDS && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(Timeline.records.get()).isEqualTo(RECORDS);
      long lastRecord = Timeline.sinceStart(Timeline.lastRecord);
      // Nothing to read for a while, the enumerator's next decision, and then 200 ms again.
      Thread.sleep(
          BacklogReportingEnumerator.NOTHING_TO_READ_FOR.toMillis()
              + BacklogReportingEnumerator.DECIDE_EVERY.toMillis()
              + 3_000
              + 1_000);
      List<Long> checkpoints = new ArrayList<>();
      Timeline.checkpoints.forEach(at -> checkpoints.add(Timeline.sinceStart(at)));
      return new Run(checkpoints, lastRecord, Timeline.sinceStart(System.nanoTime()));
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  /** Records as a restart after an hour's outage finds them: written an hour ago. */
  private static String topicWrittenAnHourAgo(String name) throws Exception {
    long anHourAgo = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get();
    }
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(
            new ProducerRecord<>(name, i % PARTITIONS, anHourAgo + i, null, new byte[] {(byte) i}));
      }
    }
    return name;
  }

  /** What the job saw, in this JVM (the MiniCluster's). */
  private static final class Timeline {
    static final AtomicInteger records = new AtomicInteger();
    static final Queue<Long> checkpoints = new ConcurrentLinkedQueue<>();
    static volatile long start;
    static volatile long lastRecord;

    static void reset() {
      records.set(0);
      checkpoints.clear();
      start = System.nanoTime();
    }

    static long sinceStart(long nanos) {
      return TimeUnit.NANOSECONDS.toMillis(nanos - start);
    }
  }

  /** 0.25 ms a record: 20,000 take about five seconds. */
  private static final class SlowStep
      implements MapFunction<RawRecord, RawRecord>, CheckpointListener {
    @Override
    public RawRecord map(RawRecord record) {
      Timeline.lastRecord = System.nanoTime();
      if (Timeline.records.incrementAndGet() % 4 == 0) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return record;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      Timeline.checkpoints.add(System.nanoTime());
    }
  }
}
