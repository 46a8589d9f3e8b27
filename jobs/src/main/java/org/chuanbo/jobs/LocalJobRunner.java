package org.chuanbo.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.kafka.KafkaEndpoints;

/**
 * Runs the dissemination job on a Flink MiniCluster in this JVM, with the web UI, reading the given
 * Kafka and writing the given ClickHouse. Checkpoints are kept under a directory and the job
 * resumes from the newest one, so stopping and starting the local stack neither re-counts nor skips
 * an event.
 */
public final class LocalJobRunner {

  private LocalJobRunner() {}

  /** Submits the job and returns at once; the job runs until cancelled. */
  public static JobClient start(
      String kafkaBootstrap,
      ClickHouseEndpoint clickHouse,
      Path checkpoints,
      int webPort,
      int parallelism,
      JobSettings settings) {
    Configuration configuration = new Configuration();
    configuration.set(RestOptions.PORT, webPort);
    configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    // Nothing of the local stack listens beyond this machine: the blob server and the task
    // managers' data ports follow these bind hosts, and nobody uploads or runs jars through the
    // web UI (the stack runs its own job).
    configuration.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
    configuration.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
    configuration.set(TaskManagerOptions.HOST, "127.0.0.1");
    configuration.set(WebOptions.SUBMIT_ENABLE, false);
    configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    configuration.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    configuration.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
    latestCheckpoint(checkpoints)
        .ifPresent(path -> configuration.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toString()));

    DisseminationJob.configureRecovery(configuration);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(configuration);
    DisseminationJob.enableCheckpointing(env, settings);
    env.setParallelism(parallelism);

    KafkaEndpoints kafka = new KafkaEndpoints(kafkaBootstrap, "chuanbo-dissemination");
    new DisseminationJob(
            settings,
            DisseminationJob.Sources.kafka(kafka),
            DisseminationJob.Sinks.clickHouseAndKafka(clickHouse, kafka, settings.pseudonymiser()),
            Clock.systemUTC())
        .build(env);
    try {
      return env.executeAsync("chuanbo-dissemination");
    } catch (Exception e) {
      throw new IllegalStateException("the Flink job did not start: " + e.getMessage(), e);
    }
  }

  /** The newest completed checkpoint ({@code chk-N} with its {@code _metadata}), if any. */
  static Optional<Path> latestCheckpoint(Path checkpoints) {
    if (!Files.isDirectory(checkpoints)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(checkpoints, 3)) {
      return files
          .filter(path -> path.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(path -> path.getFileName().toString().startsWith("chk-"))
          .max(Comparator.comparingLong(path -> lastModified(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path.resolve("_metadata")).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
