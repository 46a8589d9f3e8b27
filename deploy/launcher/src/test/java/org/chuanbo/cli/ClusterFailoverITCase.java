package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.chuanbo.jobs.PacedPublisher;
import org.chuanbo.jobs.kafka.DeadLetterSerializer;
import org.chuanbo.kafka.local.LoopbackPorts;
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

  /** 500 records every half second: about 1,000 a second, a quarter of the day in 5 to 6 s. */
  private static final long PAUSE_MILLIS = 500;

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
    int quarter = stream.size() / 4;
    String kafka = stack.ports().kafkaAddress();
    ExactTables tables;
    try (Client client =
        StackCredentials.readIfPresent(StackLayout.in(root).credentials())
            .orElseThrow()
            .reader(stack.ports().clickHouseUrl())
            .newClient()) {
      tables = new ExactTables(client);

      // 1. The first quarter, until the job has committed rows: it reads and writes.
      PacedPublisher.publishPaced(kafka, stream.subList(0, quarter), PAUSE_MILLIS).get();
      Awaitility.await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> tables.scalar("SELECT count() FROM chuanbo.events") > 0);

      // 2. SIGKILL one TaskManager as the second quarter starts streaming in (about 5 s of it).
      CompletableFuture<Void> streaming =
          PacedPublisher.publishPaced(kafka, stream.subList(quarter, 2 * quarter), PAUSE_MILLIS);
      long killed = started.taskManagerPids().get(0);
      // destroyForcibly is SIGKILL: no shutdown hook, no goodbye to the JobManager.
      ProcessHandle.of(killed).orElseThrow().destroyForcibly();
      assertThat(streaming).as("the kill lands mid-stream").isNotDone();
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

      // 3. A savepoint while the third quarter streams, then stop with one, then the last quarter
      // while the job is away, then resume at parallelism 1 (rescaling from 2).
      streaming =
          PacedPublisher.publishPaced(
              kafka, stream.subList(2 * quarter, 3 * quarter), PAUSE_MILLIS);
      assertThat(CliProcess.run(root, "job", "savepoint").expectSuccess().output())
          .contains("savepoint of job " + first.id());
      streaming.get();
      String stopped = CliProcess.run(root, "job", "stop").expectSuccess().output();
      Matcher savepoint = SAVEPOINT.matcher(stopped);
      assertThat(savepoint.find()).as(stopped).isTrue();
      PacedPublisher.publish(kafka, stream.subList(3 * quarter, stream.size()));
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
