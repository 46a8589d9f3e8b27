package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.chuanbo.cli.cluster.ClusterLayout;
import org.chuanbo.cli.cluster.ClusterState;
import org.chuanbo.cli.cluster.FlinkJobs;
import org.chuanbo.cli.stack.StackCredentials;
import org.chuanbo.cli.stack.StackLayout;
import org.chuanbo.cli.stack.StackState;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.generator.GeneratorSettings;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.jobs.ExactTables;
import org.chuanbo.jobs.kafka.DeadLetterSerializer;
import org.chuanbo.kafka.local.LoopbackPorts;
import org.chuanbo.kafka.local.RecordPublisher;
import org.chuanbo.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance as a new user runs it: {@code stack up --no-job}, {@code cluster up
 * --taskmanagers 2}, {@code job submit --parallelism 2}; while the generator streams, one
 * TaskManager is killed with SIGKILL, then the job is savepointed, stopped and resumed at
 * parallelism 1. Every table must then equal the oracle's recomputation from the raw records, and
 * the dead-letter topic hold every rejected record: nothing lost, nothing doubled.
 */
class ClusterFailoverITCase {

  private static final Pattern JOB_ID = Pattern.compile("job ([0-9a-f]{32})");
  private static final Pattern SAVEPOINT = Pattern.compile("with savepoint (\\S+)");

  @TempDir static Path root;

  @AfterAll
  static void stopEverything() throws Exception {
    CliProcess.run(root, "cluster", "down");
    CliProcess.run(root, "stack", "down");
  }

  @Test
  @Timeout(value = 12, unit = java.util.concurrent.TimeUnit.MINUTES)
  void shouldStayExactThroughATaskManagerKillAndAStopAndRescaledResume() throws Exception {
    CliProcess.run(root, List.of("stack", "up", "--no-job"), CliProcess.freeStackPorts())
        .expectSuccess();
    StackState stack = StackState.readFrom(StackLayout.in(root).stateFile()).orElseThrow();
    String restPort = Integer.toString(LoopbackPorts.freePort());
    String rpcPort = Integer.toString(LoopbackPorts.freePort());
    assertThat(
            CliProcess.run(
                    root,
                    "cluster",
                    "up",
                    "--taskmanagers",
                    "2",
                    "--rest-port",
                    restPort,
                    "--rpc-port",
                    rpcPort)
                .expectSuccess()
                .output())
        .contains("Flink cluster ready");
    ClusterLayout cluster = ClusterLayout.in(StackLayout.in(root).root());
    ClusterState started = ClusterState.readFrom(cluster.stateFile()).orElseThrow();
    FlinkJobs jobs = new FlinkJobs(started.settings().restUrl());

    String submitted =
        CliProcess.run(root, "job", "submit", "--parallelism", "2").expectSuccess().output();
    FlinkJobs.Job first =
        jobs.all().stream().filter(job -> submitted.contains(job.id())).findFirst().orElseThrow();
    assertThat(jobId(submitted)).isEqualTo(first.id());
    Awaitility.await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> jobs.details(first).taskManagers().size() == 2);
    assertThat(jobs.details(first).parallelism()).isEqualTo(2);

    List<OutgoingRecord> stream = StreamGenerator.generate(settings());
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    int third = stream.size() / 3;
    ExactTables tables;
    try (Client client =
        StackCredentials.readIfPresent(StackLayout.in(root).credentials())
            .orElseThrow()
            .reader(stack.ports().clickHouseUrl())
            .newClient()) {
      tables = new ExactTables(client);

      // 1. SIGKILL one TaskManager while the first third streams in, once rows are committed.
      CompletableFuture<Void> streaming =
          publishSlowly(stack.ports().kafkaAddress(), stream.subList(0, third));
      Awaitility.await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> tables.scalar("SELECT count() FROM chuanbo.events") > 0);
      assertThat(streaming).as("the kill lands mid-stream").isNotDone();
      long killed = started.taskManagerPids().get(0);
      new ProcessBuilder("kill", "-9", Long.toString(killed)).start().waitFor();
      streaming.get();
      Awaitility.await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () ->
                  jobs.details(first).restarts() >= 1
                      && jobs.allTasksRunning(first.id())
                      && jobs.details(first).taskManagers().size() == 2);
      ClusterState restarted = ClusterState.readFrom(cluster.stateFile()).orElseThrow();
      assertThat(restarted.taskManagerPids())
          .as("the supervisor started it again")
          .doesNotContain(killed);

      // 2. A savepoint while the second third streams, then stop with one, then more events
      // while the job is away, then resume at parallelism 1 (rescaling from 2).
      streaming = publishSlowly(stack.ports().kafkaAddress(), stream.subList(third, 2 * third));
      assertThat(CliProcess.run(root, "job", "savepoint").expectSuccess().output())
          .contains("savepoint of job " + first.id());
      streaming.get();
      String stopped = CliProcess.run(root, "job", "stop").expectSuccess().output();
      Matcher savepoint = SAVEPOINT.matcher(stopped);
      assertThat(savepoint.find()).as(stopped).isTrue();
      publishSlowly(stack.ports().kafkaAddress(), stream.subList(2 * third, stream.size())).get();
      String resumed =
          CliProcess.run(root, "job", "resume", "--from", savepoint.group(1), "--parallelism", "1")
              .expectSuccess()
              .output();
      FlinkJobs.Job second = jobs.active().orElseThrow();
      assertThat(resumed).contains(second.id());
      assertThat(jobs.details(second).parallelism()).isEqualTo(1);

      tables.awaitCaughtUp(expected, Duration.ofMinutes(4));
      tables.assertAllMatch(expected);
      assertThat(
              distinctDeadLetters(
                  stack.ports().kafkaAddress(), ExactTables.expectedDeadLetters(expected)))
          .isEqualTo(ExactTables.expectedDeadLetters(expected));
      assertThat(CliProcess.run(root, "job", "status").expectSuccess().output())
          .contains("parallelism   1")
          .contains(second.id() + ": RUNNING");
    }
  }

  /** A generated day two days ago (Shanghai): no event in the future, all inside retention. */
  private static GeneratorSettings settings() {
    return new GeneratorSettings(
        1, 31, 0.25, LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2));
  }

  /**
   * Sends the records stamped with their send times, about 2,000 a second, in the background: a
   * stream the job reads while things happen to it, not a backlog it finds already there.
   */
  private static CompletableFuture<Void> publishSlowly(String kafka, List<OutgoingRecord> records) {
    return CompletableFuture.runAsync(
        () -> {
          try (RecordPublisher publisher = new RecordPublisher(kafka)) {
            for (int from = 0; from < records.size(); from += 500) {
              List<RecordPublisher.OutgoingBytes> batch = new ArrayList<>();
              for (OutgoingRecord r : records.subList(from, Math.min(records.size(), from + 500))) {
                batch.add(
                    new RecordPublisher.OutgoingBytes(
                        r.topic(), r.key(), r.value(), r.sendAtMillis()));
              }
              publisher.publish(batch, sent -> {});
              Thread.sleep(250);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * The distinct rejected records in the dead-letter topic, by where each came from. The topic is
   * at-least-once (README, "Design decisions"): a failover may write one twice, never lose one.
   */
  private static long distinctDeadLetters(String kafka, long expected) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-count-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.EVENTS_DLQ));
      Set<String> sources = new HashSet<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(500))
                    .forEach(record -> sources.add(source(record)));
                return sources.size() >= expected;
              });
      consumer.poll(Duration.ofSeconds(2)).forEach(record -> sources.add(source(record)));
      return sources.size();
    }
  }

  private static String source(ConsumerRecord<byte[], byte[]> deadLetter) {
    return String.join(
        "/",
        header(deadLetter, DeadLetterSerializer.SOURCE_TOPIC),
        header(deadLetter, DeadLetterSerializer.SOURCE_PARTITION),
        header(deadLetter, DeadLetterSerializer.SOURCE_OFFSET));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static String jobId(String output) {
    Matcher matcher = JOB_ID.matcher(output);
    assertThat(matcher.find()).as(output).isTrue();
    return matcher.group(1);
  }
}
