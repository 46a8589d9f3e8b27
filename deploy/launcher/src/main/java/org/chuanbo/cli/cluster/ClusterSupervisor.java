package org.chuanbo.cli.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.chuanbo.cli.stack.FlinkRest;

/**
 * The local Flink standalone cluster in one long-running process that owns the others: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and N TaskManagers ({@code TaskManagerRunner}), each
 * a JVM of its own on the Flink jars alone. Like Kubernetes under a FlinkDeployment, it starts a
 * TaskManager again when one dies, so a killed TaskManager is a failover and not the end of the
 * job. SIGTERM stops the TaskManagers, then the JobManager.
 */
public final class ClusterSupervisor {

  private static final String JOB_MANAGER_MAIN =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  private static final String TASK_MANAGER_MAIN =
      "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  private static final String FAILED_PREFIX = "the Flink cluster failed to start: ";
  private static final Duration RESTART_DELAY = Duration.ofSeconds(2);

  private final ClusterLayout layout;
  private final ClusterSettings settings;
  private final Map<String, String> jobManagerEnvironment;
  private volatile boolean stopping;

  /**
   * @param jobManagerEnvironment the secrets a submitted job's main reads from the environment (it
   *     runs in the JobManager): the pseudonym key and the ClickHouse password
   */
  public ClusterSupervisor(
      ClusterLayout layout, ClusterSettings settings, Map<String, String> jobManagerEnvironment) {
    this.layout = layout;
    this.settings = settings;
    this.jobManagerEnvironment = Map.copyOf(jobManagerEnvironment);
  }

  public void run() throws Exception {
    long pid = ProcessHandle.current().pid();
    ClusterState state = new ClusterState(pid, settings, ClusterState.STARTING, 0, List.of());
    state.writeTo(layout.stateFile());
    List<Process> taskManagers = new ArrayList<>();
    Process jobManager = null;
    try {
      settings.writeConfigFile(layout);
      say("starting the JobManager (REST and web UI " + settings.restUrl() + ") …");
      jobManager = startJobManager();
      awaitRest(jobManager, Duration.ofMinutes(2));
      for (int index = 1; index <= settings.taskManagers(); index++) {
        say("starting TaskManager " + index + " …");
        taskManagers.add(startTaskManager(index));
      }
      awaitTaskManagers(Duration.ofMinutes(2));
      Process ownedJobManager = jobManager;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> stop(ownedJobManager, taskManagers), "cluster-shutdown"));
      state = state.with(ClusterState.READY, jobManager.pid(), pids(taskManagers));
      state.writeTo(layout.stateFile());
      say(
          "cluster ready: "
              + settings.taskManagers()
              + " TaskManagers × "
              + settings.slots()
              + " slots");
    } catch (Exception | Error e) {
      state.with(ClusterState.FAILED, 0, List.of()).writeTo(layout.stateFile());
      say(FAILED_PREFIX + e.getMessage());
      taskManagers.forEach(Process::destroyForcibly);
      if (jobManager != null) {
        jobManager.destroyForcibly();
      }
      throw e;
    }
    supervise(state, jobManager, taskManagers);
  }

  /** Restarts each TaskManager that exits; ends the cluster when the JobManager does. */
  private void supervise(ClusterState state, Process jobManager, List<Process> taskManagers)
      throws Exception {
    while (!stopping) {
      if (!jobManager.isAlive()) {
        say(
            "the JobManager exited with status "
                + jobManager.exitValue()
                + "; the cluster stops (see "
                + log("jobmanager")
                + ")");
        taskManagers.forEach(Process::destroy);
        state.with(ClusterState.FAILED, 0, List.of()).writeTo(layout.stateFile());
        return;
      }
      for (int index = 0; index < taskManagers.size(); index++) {
        Process taskManager = taskManagers.get(index);
        if (!taskManager.isAlive() && !stopping) {
          say(
              "TaskManager "
                  + (index + 1)
                  + " (pid "
                  + taskManager.pid()
                  + ") exited with status "
                  + taskManager.exitValue()
                  + "; starting it again in "
                  + RESTART_DELAY.toSeconds()
                  + " s");
          Thread.sleep(RESTART_DELAY.toMillis());
          if (stopping) {
            return;
          }
          taskManagers.set(index, startTaskManager(index + 1));
          state = state.with(ClusterState.READY, jobManager.pid(), pids(taskManagers));
          state.writeTo(layout.stateFile());
        }
      }
      Thread.sleep(500);
    }
  }

  private void stop(Process jobManager, List<Process> taskManagers) {
    stopping = true;
    say("stopping the Flink cluster …");
    List<Process> all = new ArrayList<>(taskManagers);
    all.add(jobManager);
    for (Process process : all) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    layout.stateFile().toFile().delete();
    say("Flink cluster stopped");
  }

  private Process startJobManager() throws IOException {
    List<String> command = java(settings.jobManagerJvmOptions(layout), "jobmanager");
    command.add(JOB_MANAGER_MAIN);
    command.addAll(List.of("--configDir", layout.conf().toString()));
    ProcessBuilder builder = processBuilder(command, "jobmanager");
    builder.environment().putAll(jobManagerEnvironment);
    return builder.start();
  }

  private Process startTaskManager(int index) throws IOException {
    String name = "taskmanager-" + index;
    List<String> command = java(settings.taskManagerJvmOptions(layout), name);
    command.add(TASK_MANAGER_MAIN);
    command.addAll(List.of("--configDir", layout.conf().toString()));
    command.addAll(settings.taskManagerDynamicProperties(layout));
    // A readable id in the REST API and the web UI, the same across restarts of this one.
    command.addAll(List.of("-D", "taskmanager.resource-id=" + name));
    return processBuilder(command, name).start();
  }

  private List<String> java(List<String> jvmOptions, String name) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dlog.file=" + log(name));
    command.add("-Dlog4j.configurationFile=" + Checkout.clusterLogConfig().toUri());
    command.add("-cp");
    command.add(Checkout.flinkLib().resolve("*").toString());
    return command;
  }

  private ProcessBuilder processBuilder(List<String> command, String name) throws IOException {
    Files.createDirectories(layout.logs());
    // stdout/stderr hold what escapes the logger (a JVM crash, say), next to the log.
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(
            ProcessBuilder.Redirect.appendTo(layout.logs().resolve(name + ".out").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
  }

  private Path log(String name) {
    return layout.logs().resolve(name + ".log");
  }

  private void awaitRest(Process jobManager, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!jobManager.isAlive()) {
        throw new IllegalStateException(
            "the JobManager exited with status "
                + jobManager.exitValue()
                + "; see "
                + log("jobmanager"));
      }
      try {
        FlinkRest.get(settings.restUrl() + "/overview", Duration.ofSeconds(2));
        return;
      } catch (IOException notYet) {
        Thread.sleep(500);
      }
    }
    throw new IllegalStateException(
        "the JobManager's REST API did not answer on "
            + settings.restUrl()
            + " within "
            + timeout.toSeconds()
            + " s; see "
            + log("jobmanager"));
  }

  private void awaitTaskManagers(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      int registered =
          FlinkRest.get(settings.restUrl() + "/overview", Duration.ofSeconds(2))
              .path("taskmanagers")
              .asInt();
      if (registered >= settings.taskManagers()) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "not all "
            + settings.taskManagers()
            + " TaskManagers registered within "
            + timeout.toSeconds()
            + " s; see "
            + layout.logs());
  }

  private static List<Long> pids(List<Process> processes) {
    return processes.stream().map(Process::pid).toList();
  }

  private static void say(String line) {
    System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
  }

  /** The supervisor log's last "failed to start" line: what {@code cluster up} reports. */
  public static String failureCause(ClusterLayout layout) {
    try (var lines = Files.lines(layout.supervisorLog())) {
      return lines
          .filter(line -> line.contains(FAILED_PREFIX))
          .map(line -> line.substring(line.indexOf(FAILED_PREFIX)))
          .reduce((first, second) -> second)
          .orElse("the Flink cluster failed to start");
    } catch (IOException | java.io.UncheckedIOException e) {
      return "the Flink cluster failed to start";
    }
  }
}
