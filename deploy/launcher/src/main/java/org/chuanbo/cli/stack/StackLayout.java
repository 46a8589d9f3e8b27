package org.chuanbo.cli.stack;

import java.nio.file.Path;

/** Where the local stack keeps its state: everything under {@code .chuanbo/} (git-ignored). */
public record StackLayout(Path root) {

  public static StackLayout in(Path projectRoot) {
    return new StackLayout(projectRoot.resolve(".chuanbo"));
  }

  public Path clickHouseData() {
    return root.resolve("clickhouse");
  }

  public Path kafkaData() {
    return root.resolve("kafka");
  }

  public Path checkpoints() {
    return root.resolve("flink").resolve("checkpoints");
  }

  public Path stateFile() {
    return root.resolve("stack.properties");
  }

  /** The local stack's pseudonymisation key (generated once, mode 0600). */
  public Path pseudonymKey() {
    return root.resolve("pseudonym.key");
  }

  /** The stack's ClickHouse users and passwords (generated once, mode 0600). */
  public Path credentials() {
    return root.resolve("credentials.properties");
  }

  public Path log() {
    return root.resolve("stack.log");
  }
}
