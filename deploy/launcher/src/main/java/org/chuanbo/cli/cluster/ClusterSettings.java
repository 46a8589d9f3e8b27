package org.chuanbo.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * The local standalone cluster's Flink configuration, in one place: loopback addresses, the REST
 * port, slots, memory per process, and heartbeats short enough that a killed TaskManager is noticed
 * in seconds rather than Flink's default 50. Written as the {@code config.yaml} every process
 * reads; the JVM flags a distribution's scripts would compute from it are computed here by Flink's
 * own utilities, since there are no scripts.
 */
public record ClusterSettings(int restPort, int rpcPort, int taskManagers, int slots) {

  /** What a JobManager of a one-job session needs; the web UI and jar runs live in it. */
  static final MemorySize JOB_MANAGER_MEMORY = MemorySize.parse("1024m");

  /** Per TaskManager: RocksDB takes its managed memory share (40 %) off the heap. */
  static final MemorySize TASK_MANAGER_MEMORY = MemorySize.parse("1536m");

  /**
   * The module openings Flink's distribution passes to every JVM on Java 17 (its config.yaml's
   * env.java.default-opts.all): serializers reach into these JDK classes.
   */
  private static final List<String> JAVA_17_OPENINGS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  public ClusterSettings {
    if (taskManagers < 1 || taskManagers > 8) {
      throw new IllegalArgumentException(
          "--taskmanagers must be between 1 and 8 on one machine, got " + taskManagers);
    }
    if (slots < 1 || slots > 16) {
      throw new IllegalArgumentException("--slots must be between 1 and 16, got " + slots);
    }
    for (int port : new int[] {restPort, rpcPort}) {
      if (port <= 0 || port > 65535) {
        throw new IllegalArgumentException("ports must be between 1 and 65535, got " + port);
      }
    }
  }

  public String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  /** The configuration every process of the cluster at {@code layout} shares. */
  Configuration flinkConfiguration(ClusterLayout layout) {
    Configuration configuration = new Configuration();
    configuration.set(JobManagerOptions.ADDRESS, "127.0.0.1");
    configuration.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
    configuration.set(JobManagerOptions.PORT, rpcPort);
    configuration.set(JobManagerOptions.TOTAL_PROCESS_MEMORY, JOB_MANAGER_MEMORY);
    configuration.set(RestOptions.ADDRESS, "127.0.0.1");
    configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    configuration.set(RestOptions.PORT, restPort);
    // Jobs arrive as jars through the REST API (./chuanbo job submit); only on loopback.
    configuration.set(WebOptions.SUBMIT_ENABLE, true);
    configuration.set(WebOptions.UPLOAD_DIR, layout.work().resolve("uploads").toString());
    configuration.set(TaskManagerOptions.HOST, "127.0.0.1");
    configuration.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
    configuration.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
    configuration.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, TASK_MANAGER_MEMORY);
    // Subtasks spread over the TaskManagers instead of filling the first: a job at parallelism 2
    // on two TaskManagers runs on both, so losing one is a real failover.
    configuration.set(
        TaskManagerOptions.TASK_MANAGER_LOAD_BALANCE_MODE,
        TaskManagerOptions.TaskManagerLoadBalanceMode.SLOTS);
    configuration.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(2));
    configuration.set(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT, Duration.ofSeconds(15));
    configuration.set(CoreOptions.TMP_DIRS, layout.work().resolve("tmp").toString());
    configuration.set(
        BlobServerOptions.STORAGE_DIRECTORY, layout.work().resolve("blobs").toString());
    return configuration;
  }

  /** Writes {@code conf/config.yaml}: one flat key per line, each value a quoted string. */
  void writeConfigFile(ClusterLayout layout) throws IOException {
    Files.createDirectories(layout.conf());
    for (String directory : List.of("uploads", "tmp", "blobs")) {
      Files.createDirectories(layout.work().resolve(directory));
    }
    List<String> lines = new ArrayList<>();
    lines.add("# Written by ./chuanbo cluster up on every start; edit ClusterSettings, not this.");
    Map<String, String> sorted = new TreeMap<>(flinkConfiguration(layout).toMap());
    sorted.forEach((key, value) -> lines.add(key + ": \"" + value.replace("\"", "\\\"") + "\""));
    Files.write(layout.conf().resolve("config.yaml"), lines, StandardCharsets.UTF_8);
  }

  /** The JobManager's JVM flags: heap, metaspace and direct memory from its process size. */
  List<String> jobManagerJvmOptions(ClusterLayout layout) {
    Configuration configuration = flinkConfiguration(layout);
    JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(configuration);
    List<String> options = new ArrayList<>(JAVA_17_OPENINGS);
    options.addAll(words(JobManagerProcessUtils.generateJvmParametersStr(spec, configuration)));
    return options;
  }

  /** A TaskManager's JVM flags, as its scripts would compute them. */
  List<String> taskManagerJvmOptions(ClusterLayout layout) {
    List<String> options = new ArrayList<>(JAVA_17_OPENINGS);
    options.addAll(words(ProcessMemoryUtils.generateJvmParametersStr(taskManagerSpec(layout))));
    return options;
  }

  /**
   * The memory sizes a TaskManager must be told explicitly ({@code -D key=value} pairs), which a
   * distribution's taskmanager.sh derives and passes the same way.
   */
  List<String> taskManagerDynamicProperties(ClusterLayout layout) {
    return words(TaskExecutorProcessUtils.generateDynamicConfigsStr(taskManagerSpec(layout)));
  }

  private TaskExecutorProcessSpec taskManagerSpec(ClusterLayout layout) {
    return TaskExecutorProcessUtils.processSpecFromConfig(flinkConfiguration(layout));
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
  }
}
