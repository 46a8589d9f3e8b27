package org.chuanbo.jobs;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.kafka.KafkaEndpoints;

/**
 * Everything one run of the job needs besides its code: where Kafka and ClickHouse are, how state
 * is kept and checkpointed, and the job's own knobs. Read from the settings file by {@link
 * JobSettingsFile}; the local stack takes the same defaults and replaces only its addresses,
 * credentials, checkpoint directory and key.
 *
 * @param kafkaBootstrapServers {@code host:port[,host:port]} of the brokers with the contract
 *     topics
 * @param kafkaGroupId the consumer group (offsets are in the checkpoints; the group's for lag)
 * @param clickHouse the HTTP interface and the user the job inserts as
 * @param stateBackend where keyed state lives
 * @param incrementalCheckpoints whether RocksDB uploads only the files changed since the last one
 * @param changelog whether every state change is also logged, so that a checkpoint uploads only the
 *     log since the last one (see {@link StateChangelog})
 * @param checkpointDirectory a URI Flink's file systems know ({@code file:///…}, {@code s3://…})
 * @param retainedCheckpoints completed checkpoints kept (also after a cancel)
 * @param maxParallelism key groups: the most subtasks the state can ever be rescaled to
 * @param job the pipeline's own knobs (event time, windows, dedupe horizon, spread, the key)
 */
public record JobDeployment(
    String kafkaBootstrapServers,
    String kafkaGroupId,
    ClickHouseEndpoint clickHouse,
    StateBackend stateBackend,
    boolean incrementalCheckpoints,
    StateChangelog changelog,
    String checkpointDirectory,
    int retainedCheckpoints,
    int maxParallelism,
    JobSettings job) {

  /** Where keyed state lives, by the name Flink's {@code state.backend.type} gives it. */
  public enum StateBackend {
    /** On local disk, spilling past memory: the dedupe horizon's event ids at province scale. */
    ROCKSDB("rocksdb"),
    /** On the heap: faster while the state fits, as on one machine. */
    HASHMAP("hashmap");

    private final String flinkName;

    StateBackend(String flinkName) {
      this.flinkName = flinkName;
    }

    public String flinkName() {
      return flinkName;
    }
  }

  /**
   * Flink's state changelog over the state backend: every state change is also appended to a log
   * beside the checkpoints, a checkpoint uploads only what was logged since the previous one, and
   * the state itself is snapshotted in the background every {@code materializeInterval}, after
   * which the log before it is dropped. A checkpoint then costs what changed, not what is held. The
   * heap backend otherwise snapshots all its state on every checkpoint (seconds, with a week of
   * event ids), and since rows reach ClickHouse only when a checkpoint completes, that is what
   * bounds how fresh the tables are (README, "Benchmark").
   */
  public record StateChangelog(boolean enabled, Duration materializeInterval) {

    public StateChangelog on() {
      return new StateChangelog(true, materializeInterval);
    }
  }

  /** The Kafka sources and the dead-letter sink of this deployment. */
  public KafkaEndpoints kafka() {
    return new KafkaEndpoints(kafkaBootstrapServers, kafkaGroupId);
  }

  /**
   * The Flink options this deployment sets, in one place: state backend, checkpoint storage and
   * retention, max parallelism and the restart strategy. Handed to the environment (or to the
   * MiniCluster's configuration), so that a cluster's own flink-conf cannot silently differ from
   * what the settings file says.
   */
  public Configuration flinkConfiguration() {
    Configuration configuration = new Configuration();
    configuration.set(StateBackendOptions.STATE_BACKEND, stateBackend.flinkName());
    configuration.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incrementalCheckpoints);
    configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDirectory);
    configuration.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, retainedCheckpoints);
    // A cancelled job keeps its last checkpoint, so it can be resumed from it (flink run -s).
    configuration.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    configuration.set(PipelineOptions.MAX_PARALLELISM, maxParallelism);
    if (changelog.enabled()) {
      configuration.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
      configuration.set(
          StateChangelogOptions.PERIODIC_MATERIALIZATION_INTERVAL, changelog.materializeInterval());
      // The log lives beside the checkpoints that refer to it (flink-dstl-dfs).
      configuration.setString(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE.key(), "filesystem");
      configuration.setString(
          "state.changelog.dstl.dfs.base-path",
          checkpointDirectory.replaceAll("/+$", "") + "/changelog");
      // A changelog can be resumed only by claiming the checkpoint: in Flink's default NO_CLAIM
      // mode the restored job fails its first checkpoint (FLINK-38307).
      configuration.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
    }
    DisseminationJob.configureRecovery(configuration);
    return configuration;
  }

  /**
   * This deployment, or a one-line error when it has no usable pseudonymisation key: outside the
   * local stack (which makes its own) the key must come from the environment.
   */
  public JobDeployment requirePseudonymKey() {
    String key = job.pseudonymKey();
    if (key == null || key.isBlank()) {
      throw new InvalidSettingsException(
          "no pseudonymisation key: set the environment variable "
              + JobSettingsFile.PSEUDONYM_KEY_VARIABLE
              + " to a secret of 16 characters or more, and keep it for the life of the data"
              + " (a new key gives everyone new pseudonyms)");
    }
    if (key.length() < 16) {
      throw new InvalidSettingsException(
          JobSettingsFile.PSEUDONYM_KEY_VARIABLE
              + " has "
              + key.length()
              + " characters; the pseudonymisation key needs 16 or more (e.g. openssl rand -hex"
              + " 32)");
    }
    return this;
  }

  public JobDeployment withKafkaBootstrapServers(String servers) {
    return new JobDeployment(
        servers,
        kafkaGroupId,
        clickHouse,
        stateBackend,
        incrementalCheckpoints,
        changelog,
        checkpointDirectory,
        retainedCheckpoints,
        maxParallelism,
        job);
  }

  public JobDeployment withClickHouse(ClickHouseEndpoint endpoint) {
    return new JobDeployment(
        kafkaBootstrapServers,
        kafkaGroupId,
        endpoint,
        stateBackend,
        incrementalCheckpoints,
        changelog,
        checkpointDirectory,
        retainedCheckpoints,
        maxParallelism,
        job);
  }

  public JobDeployment withStateBackend(StateBackend backend) {
    return new JobDeployment(
        kafkaBootstrapServers,
        kafkaGroupId,
        clickHouse,
        backend,
        incrementalCheckpoints,
        changelog,
        checkpointDirectory,
        retainedCheckpoints,
        maxParallelism,
        job);
  }

  public JobDeployment withChangelog(StateChangelog value) {
    return new JobDeployment(
        kafkaBootstrapServers,
        kafkaGroupId,
        clickHouse,
        stateBackend,
        incrementalCheckpoints,
        value,
        checkpointDirectory,
        retainedCheckpoints,
        maxParallelism,
        job);
  }

  public JobDeployment withCheckpointDirectory(String directory) {
    return new JobDeployment(
        kafkaBootstrapServers,
        kafkaGroupId,
        clickHouse,
        stateBackend,
        incrementalCheckpoints,
        changelog,
        directory,
        retainedCheckpoints,
        maxParallelism,
        job);
  }

  public JobDeployment withMaxParallelism(int value) {
    return new JobDeployment(
        kafkaBootstrapServers,
        kafkaGroupId,
        clickHouse,
        stateBackend,
        incrementalCheckpoints,
        changelog,
        checkpointDirectory,
        retainedCheckpoints,
        value,
        job);
  }

  public JobDeployment withJob(JobSettings value) {
    return new JobDeployment(
        kafkaBootstrapServers,
        kafkaGroupId,
        clickHouse,
        stateBackend,
        incrementalCheckpoints,
        changelog,
        checkpointDirectory,
        retainedCheckpoints,
        maxParallelism,
        value);
  }
}
