package org.chuanbo.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the dissemination job on a Flink MiniCluster in this JVM, with the web UI, wired as on a
 * cluster ({@link DisseminationJob#prepare}). Checkpoints are kept under a directory and the job
 * resumes from the newest one, so stopping and starting the local stack neither re-counts nor skips
 * an event.
 */
public final class LocalJobRunner {

  private LocalJobRunner() {}

  /**
   * Submits the job and returns at once; the job runs until cancelled. {@code deployment} is the
   * settings file's, with the local stack's addresses, credentials, key and a {@code file:}
   * checkpoint directory, which it resumes from.
   */
  public static JobClient start(JobDeployment deployment, int webPort, int parallelism) {
    Configuration configuration = deployment.flinkConfiguration();
    configuration.set(RestOptions.PORT, webPort);
    configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    // Nothing of the local stack listens beyond this machine: the blob server and the task
    // managers' data ports follow these bind hosts, and nobody uploads or runs jars through the
    // web UI (the stack runs its own job).
    configuration.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
    configuration.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
    configuration.set(TaskManagerOptions.HOST, "127.0.0.1");
    configuration.set(WebOptions.SUBMIT_ENABLE, false);
    latestCheckpoint(Path.of(URI.create(deployment.checkpointDirectory())))
        .ifPresent(path -> configuration.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toString()));

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(configuration);
    env.setParallelism(parallelism);
    DisseminationJob.prepare(deployment, env);
    try {
      return env.executeAsync(DisseminationJob.NAME);
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
