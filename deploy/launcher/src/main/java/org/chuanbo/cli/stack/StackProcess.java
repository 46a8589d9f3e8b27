package org.chuanbo.cli.stack;

import java.nio.file.Files;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.chuanbo.clickhouse.local.engine.ChdbEngine;
import org.chuanbo.clickhouse.local.engine.EngineExit;
import org.chuanbo.clickhouse.local.http.ClickHouseHttpServer;
import org.chuanbo.jobs.JobDeployment;
import org.chuanbo.jobs.JobSettingsFile;
import org.chuanbo.jobs.LocalJobRunner;
import org.chuanbo.jobs.clickhouse.Migrations;
import org.chuanbo.kafka.local.ContractTopics;
import org.chuanbo.kafka.local.LocalKafka;
import org.chuanbo.kafka.local.LocalKafkaSettings;

/**
 * The local stack in one long-running process: a Kafka broker (its own JVM, owned by this one), the
 * ClickHouse endpoint, the migrations, and the job on a Flink MiniCluster with its web UI. SIGTERM
 * stops it in reverse order; the job's last checkpoint stays, so the next start resumes.
 */
public final class StackProcess {

  private static final String FAILED_PREFIX = "the local stack failed to start: ";

  /** What Flink chose by itself for the stack's parallelism before it was a setting. */
  private static final int LOCAL_MAX_PARALLELISM = 128;

  private StackProcess() {}

  public static void run(StackLayout layout, StackPorts ports, int parallelism) throws Exception {
    long pid = ProcessHandle.current().pid();
    new StackState(pid, ports, StackState.STARTING).writeTo(layout.stateFile());
    LocalKafka kafka = null;
    try {
      System.out.println("starting Kafka on " + ports.kafkaAddress() + " …");
      kafka = new LocalKafka(LocalKafkaSettings.in(layout.kafkaData()).withPort(ports.kafka()));
      kafka.start();
      try (Admin admin =
          Admin.create(
              java.util.Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        ContractTopics.createMissing(admin);
      }

      System.out.println("starting ClickHouse on " + ports.clickHouseUrl() + " …");
      StackCredentials credentials = StackCredentials.readOrCreate(layout.credentials());
      ChdbEngine engine = ChdbEngine.open(layout.clickHouseData());
      ClickHouseHttpServer clickHouse =
          ClickHouseHttpServer.start(engine, "127.0.0.1", ports.clickHouse(), credentials.users());
      System.out.println(
          "migrations applied: "
              + Migrations.bundled().apply(credentials.admin(ports.clickHouseUrl())));

      System.out.println("starting the Flink job (web UI " + ports.flinkUrl() + ") …");
      Files.createDirectories(layout.checkpoints());
      JobClient job =
          LocalJobRunner.start(
              localDeployment(layout, kafka.bootstrapServers(), credentials, ports),
              ports.flink(),
              parallelism);

      LocalKafka ownedKafka = kafka;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    System.out.println("stopping the local stack …");
                    try {
                      job.cancel().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                      System.out.println("the job did not cancel cleanly: " + e.getMessage());
                    }
                    ownedKafka.stop();
                    clickHouse.close();
                    layout.stateFile().toFile().delete();
                    System.out.println("local stack stopped");
                    EngineExit.exit(0);
                  },
                  "stack-shutdown"));
      new StackState(pid, ports, StackState.READY).writeTo(layout.stateFile());
      System.out.println("local stack ready");
      Thread.currentThread().join();
    } catch (Exception | Error e) {
      new StackState(pid, ports, StackState.FAILED).writeTo(layout.stateFile());
      System.out.println(FAILED_PREFIX + e.getMessage());
      if (kafka != null) {
        kafka.stop();
      }
      throw e;
    }
  }

  /**
   * The job's bundled settings file, as a cluster would read it, with only what the local stack
   * must replace: its own ports and writer login, its key, its checkpoint directory under
   * .chuanbo/, the heap state backend and Flink's implicit 128 key groups. The last two because
   * checkpoints that stacks made before the settings file existed were written that way, and a
   * retained checkpoint restores only into the same backend and max parallelism; the heap is also
   * the faster while one machine's state fits in it.
   */
  static JobDeployment localDeployment(
      StackLayout layout, String kafkaBootstrap, StackCredentials credentials, StackPorts ports)
      throws java.io.IOException {
    JobDeployment bundled = JobSettingsFile.bundled(java.util.Map.of());
    return bundled
        .withKafkaBootstrapServers(kafkaBootstrap)
        .withClickHouse(credentials.writer(ports.clickHouseUrl()))
        .withCheckpointDirectory(layout.checkpoints().toUri().toString())
        .withStateBackend(JobDeployment.StateBackend.HASHMAP)
        .withMaxParallelism(LOCAL_MAX_PARALLELISM)
        .withJob(bundled.job().withPseudonymKey(PseudonymKey.forLocalStack(layout)));
  }

  /** Waits for a started stack process to report ready (or fail) and returns its state. */
  public static StackState awaitReady(StackLayout layout, Process process, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      StackState state = StackState.readFrom(layout.stateFile()).orElse(null);
      if (state != null
          && state.pid() == process.pid()
          && !state.phase().equals(StackState.STARTING)) {
        return state;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the local stack did not become ready; see " + layout.log());
  }

  /** The stack log's last "failed to start" line: the one thing a user needs to read. */
  public static String failureCause(StackLayout layout) {
    try (java.util.stream.Stream<String> lines = Files.lines(layout.log())) {
      return lines
          .filter(line -> line.startsWith(FAILED_PREFIX))
          .reduce((first, second) -> second)
          .orElse("the local stack failed to start");
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return "the local stack failed to start";
    }
  }
}
