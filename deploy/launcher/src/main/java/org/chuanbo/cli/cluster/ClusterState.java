package org.chuanbo.cli.cluster;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.chuanbo.cli.stack.StateFile;

/**
 * What the cluster's supervisor wrote about itself: its own process, the cluster's settings, how
 * far it got, and the processes of the JobManager and of each TaskManager (rewritten whenever it
 * restarts one). Read by {@code cluster status/down}, {@code job …} and the failure tests.
 */
public record ClusterState(
    long pid,
    ClusterSettings settings,
    String phase,
    long jobManagerPid,
    List<Long> taskManagerPids) {

  public static final String STARTING = "starting";
  public static final String READY = "ready";
  public static final String FAILED = "failed";

  public ClusterState {
    taskManagerPids = List.copyOf(taskManagerPids);
  }

  ClusterState with(String newPhase, long newJobManagerPid, List<Long> newTaskManagerPids) {
    return new ClusterState(pid, settings, newPhase, newJobManagerPid, newTaskManagerPids);
  }

  void writeTo(Path file) {
    Properties properties = new Properties();
    properties.setProperty("pid", Long.toString(pid));
    properties.setProperty("rest.port", Integer.toString(settings.restPort()));
    properties.setProperty("rpc.port", Integer.toString(settings.rpcPort()));
    properties.setProperty("taskmanagers", Integer.toString(settings.taskManagers()));
    properties.setProperty("slots", Integer.toString(settings.slots()));
    properties.setProperty("phase", phase);
    properties.setProperty("jobmanager.pid", Long.toString(jobManagerPid));
    properties.setProperty(
        "taskmanager.pids",
        taskManagerPids.stream().map(String::valueOf).collect(Collectors.joining(",")));
    StateFile.write(file, properties, "written by the local Flink cluster's supervisor");
  }

  public static Optional<ClusterState> readFrom(Path file) {
    Optional<Properties> read = StateFile.read(file);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Properties properties = read.get();
    try {
      String pids = properties.getProperty("taskmanager.pids", "");
      return Optional.of(
          new ClusterState(
              Long.parseLong(properties.getProperty("pid")),
              new ClusterSettings(
                  Integer.parseInt(properties.getProperty("rest.port")),
                  Integer.parseInt(properties.getProperty("rpc.port")),
                  Integer.parseInt(properties.getProperty("taskmanagers")),
                  Integer.parseInt(properties.getProperty("slots"))),
              properties.getProperty("phase"),
              Long.parseLong(properties.getProperty("jobmanager.pid", "0")),
              pids.isBlank()
                  ? List.of()
                  : Arrays.stream(pids.split(",")).map(Long::parseLong).toList()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public boolean processAlive() {
    return alive(pid);
  }

  static boolean alive(long pid) {
    return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
