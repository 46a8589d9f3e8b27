package org.chuanbo.cli.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.chuanbo.clickhouse.local.engine.ChdbEngine;
import org.chuanbo.clickhouse.local.http.ClickHouseHttpServer;
import org.chuanbo.jobs.JobDeployment;
import org.chuanbo.jobs.JobSettingsFile;
import org.chuanbo.jobs.LocalJobRunner;
import org.chuanbo.jobs.clickhouse.Migrations;
import org.chuanbo.kafka.local.ContractTopics;
import org.chuanbo.kafka.local.LocalKafka;
import org.chuanbo.kafka.local.LocalKafkaSettings;

/**
 * The three parts of a local stack, each started the one way both {@code stack up} and {@code
 * bench} need: the Kafka broker with the contract topics, the ClickHouse endpoint with the stack's
 * users and the migrations, and the job on a MiniCluster. Where the state lives is the {@link
 * StackLayout}'s business, so a scratch stack under another directory never touches the real one.
 */
public final class StackServices {

  /** What Flink chose by itself for the stack's parallelism before it was a setting. */
  private static final int LOCAL_MAX_PARALLELISM = 128;

  /** Half the bundled second: each wait for a checkpoint adds to how old a dashboard's rows are. */
  private static final Duration LOCAL_CHECKPOINT_INTERVAL = Duration.ofMillis(500);

  private StackServices() {}

  /** The ClickHouse endpoint as started: the engine, its HTTP server and who may log in. */
  public record ClickHouse(
      ChdbEngine engine,
      ClickHouseHttpServer server,
      StackCredentials credentials,
      List<String> migrationsApplied) {}

  /** Starts the broker (a child JVM) and creates the contract topics that are missing. */
  public static LocalKafka startKafka(StackLayout layout, StackPorts ports)
      throws InterruptedException {
    LocalKafka kafka =
        new LocalKafka(LocalKafkaSettings.in(layout.kafkaData()).withPort(ports.kafka()));
    kafka.start();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      ContractTopics.createMissing(admin);
    } catch (InterruptedException | RuntimeException e) {
      kafka.stop();
      throw e;
    }
    return kafka;
  }

  /**
   * Opens the engine on the layout's data, serves it over HTTP with the layout's users (generated
   * on the first start) and applies the migrations that are missing.
   */
  public static ClickHouse startClickHouse(StackLayout layout, StackPorts ports)
      throws IOException {
    StackCredentials credentials = StackCredentials.readOrCreate(layout.credentials());
    ChdbEngine engine = ChdbEngine.open(layout.clickHouseData());
    ClickHouseHttpServer server =
        ClickHouseHttpServer.start(engine, "127.0.0.1", ports.clickHouse(), credentials.users());
    List<String> applied = Migrations.bundled().apply(credentials.admin(ports.clickHouseUrl()));
    return new ClickHouse(engine, server, credentials, applied);
  }

  /**
   * Submits the job on a MiniCluster with its web UI on the Flink port, writing as the stack's
   * writer, checkpointing under the layout (and resuming from the newest checkpoint there).
   */
  public static JobClient startJob(
      StackLayout layout,
      StackPorts ports,
      String kafkaBootstrap,
      StackCredentials credentials,
      int parallelism)
      throws IOException {
    Files.createDirectories(layout.checkpoints());
    return LocalJobRunner.start(
        localDeployment(layout, kafkaBootstrap, credentials, ports), ports.flink(), parallelism);
  }

  /**
   * The job's bundled settings file, as a cluster would read it, with only what the local stack
   * must replace: its own ports and writer login, its key, its checkpoint directory under
   * .chuanbo/, the heap state backend and Flink's implicit 128 key groups. The last two because
   * checkpoints that stacks made before the settings file existed were written that way, and a
   * retained checkpoint restores only into the same backend and max parallelism; the heap is also
   * the faster while one machine's state fits in it. With the heap, the state changelog: without it
   * every checkpoint snapshots all the state, and rows wait for checkpoints. With the changelog a
   * checkpoint is cheap, so it comes every {@link #LOCAL_CHECKPOINT_INTERVAL}: rows then reach the
   * dashboards within two seconds (the bench's freshness at 5,000 events/s).
   */
  private static JobDeployment localDeployment(
      StackLayout layout, String kafkaBootstrap, StackCredentials credentials, StackPorts ports)
      throws IOException {
    JobDeployment bundled = JobSettingsFile.bundled(Map.of());
    return bundled
        .withKafkaBootstrapServers(kafkaBootstrap)
        .withClickHouse(credentials.writer(ports.clickHouseUrl()))
        .withCheckpointDirectory(layout.checkpoints().toUri().toString())
        .withStateBackend(JobDeployment.StateBackend.HASHMAP)
        .withChangelog(bundled.changelog().on())
        .withMaxParallelism(LOCAL_MAX_PARALLELISM)
        .withJob(
            bundled
                .job()
                .withCheckpointInterval(LOCAL_CHECKPOINT_INTERVAL)
                .withPseudonymKey(PseudonymKey.forLocalStack(layout)));
  }
}
