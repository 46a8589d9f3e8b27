package org.chuanbo.cli.cluster;

import java.nio.file.Path;

/** Where the local Flink cluster keeps its state: everything under {@code .chuanbo/cluster/}. */
public record ClusterLayout(Path root) {

  public static ClusterLayout in(Path stackRoot) {
    return new ClusterLayout(stackRoot.resolve("cluster"));
  }

  /** The {@code config.yaml} every process of the cluster reads. */
  public Path conf() {
    return root.resolve("conf");
  }

  public Path logs() {
    return root.resolve("log");
  }

  /** The supervisor's own log: what it started, and which process it restarted and why. */
  public Path supervisorLog() {
    return logs().resolve("cluster.log");
  }

  public Path stateFile() {
    return root.resolve("cluster.properties");
  }

  /** Checkpoints of the cluster's job (not the stack's own job's, which live beside them). */
  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path savepoints() {
    return root.resolve("savepoints");
  }

  /** The settings file {@code job submit} writes for the job's main, pointing at the stack. */
  public Path jobSettings() {
    return root.resolve("job-settings.properties");
  }

  /** Jars uploaded through the REST API, and the processes' scratch space. */
  public Path work() {
    return root.resolve("work");
  }
}
