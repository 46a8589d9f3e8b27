package org.chuanbo.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.chuanbo.cli.cluster.ClusterLayout;
import org.chuanbo.cli.cluster.ClusterSettings;
import org.chuanbo.cli.cluster.ClusterState;
import org.chuanbo.cli.cluster.ClusterSupervisor;
import org.chuanbo.cli.cluster.FlinkJobs;
import org.chuanbo.cli.stack.PseudonymKey;
import org.chuanbo.cli.stack.StackCredentials;
import org.chuanbo.cli.stack.StackLayout;
import org.chuanbo.jobs.JobSettingsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./chuanbo cluster up|status|down}: a Flink standalone session cluster on this machine, a
 * JobManager and N TaskManagers as JVMs of their own, for the job that {@code ./chuanbo job submit}
 * sends it. Kafka and ClickHouse come from {@code ./chuanbo stack up --no-job}.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "Starts, inspects and stops a local Flink standalone cluster (JobManager and TaskManagers as"
            + " separate processes). State and logs in .chuanbo/cluster/.",
    subcommands = {
      ClusterCommand.Up.class,
      ClusterCommand.Status.class,
      ClusterCommand.Down.class,
      ClusterCommand.Run.class
    })
final class ClusterCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static ClusterLayout layout() {
    return ClusterLayout.in(StackCommand.layout().root());
  }

  /** The cluster whose supervisor is alive, in whatever phase. */
  static Optional<ClusterState> alive() {
    return ClusterState.readFrom(layout().stateFile()).filter(ClusterState::processAlive);
  }

  /** The running cluster, or a one-line error that says how to start one. */
  static ClusterState running() {
    return alive()
        .filter(state -> state.phase().equals(ClusterState.READY))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no Flink cluster is running; start one with ./chuanbo cluster up"));
  }

  /** The sizes and ports of the cluster, shared by up and run. */
  static final class SizeOptions {
    @Option(
        names = "--taskmanagers",
        defaultValue = "2",
        description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
    int taskManagers;

    @Option(
        names = "--slots",
        defaultValue = "1",
        description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(
        names = "--rest-port",
        defaultValue = "8081",
        description = "REST API and web UI port (default: ${DEFAULT-VALUE}).")
    int restPort;

    @Option(
        names = "--rpc-port",
        defaultValue = "6123",
        description = "The JobManager's RPC port (default: ${DEFAULT-VALUE}).")
    int rpcPort;

    ClusterSettings settings() {
      return new ClusterSettings(restPort, rpcPort, taskManagers, slots);
    }

    List<String> asArguments() {
      return List.of(
          "--taskmanagers", Integer.toString(taskManagers),
          "--slots", Integer.toString(slots),
          "--rest-port", Integer.toString(restPort),
          "--rpc-port", Integer.toString(rpcPort));
    }
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description =
          "Starts the JobManager and the TaskManagers in the background; returns when every"
              + " TaskManager has registered.")
  static final class Up implements Runnable {
    @picocli.CommandLine.Mixin SizeOptions options = new SizeOptions();

    @Override
    public void run() {
      ClusterSettings settings = options.settings();
      Optional<ClusterState> alive = alive();
      if (alive.isPresent()) {
        System.out.println(
            "the Flink cluster is already running (supervisor pid "
                + alive.get().pid()
                + ", "
                + alive.get().settings().restUrl()
                + ")");
        return;
      }
      jobManagerSecrets(); // fails here, in one line, rather than in the background
      ClusterLayout layout = layout();
      List<String> arguments = new ArrayList<>(List.of("cluster", "run"));
      arguments.addAll(options.asArguments());
      System.out.println("starting the Flink cluster (log: " + layout.supervisorLog() + ") …");
      try {
        Process process = DetachedCli.start(arguments, layout.supervisorLog());
        ClusterState state = awaitStarted(layout, process, Duration.ofMinutes(3));
        if (!state.phase().equals(ClusterState.READY)) {
          throw new IllegalStateException(
              ClusterSupervisor.failureCause(layout) + " (log: " + layout.supervisorLog() + ")");
        }
        System.out.println("Flink 集群已就绪 / Flink cluster ready");
        System.out.println("  REST & web UI  " + state.settings().restUrl());
        System.out.println("  JobManager     pid " + state.jobManagerPid());
        System.out.println(
            "  TaskManagers   "
                + state.taskManagerPids().size()
                + " × "
                + settings.slots()
                + " slots, pids "
                + state.taskManagerPids());
        System.out.println("  next           ./chuanbo job submit --parallelism 2");
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the Flink cluster: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the Flink cluster", e);
      }
    }

    private static ClusterState awaitStarted(
        ClusterLayout layout, Process process, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        Optional<ClusterState> state = ClusterState.readFrom(layout.stateFile());
        if (state.isPresent()
            && state.get().pid() == process.pid()
            && !state.get().phase().equals(ClusterState.STARTING)) {
          return state.get();
        }
        if (!process.isAlive()) {
          throw new IllegalStateException(
              ClusterSupervisor.failureCause(layout) + " (log: " + layout.supervisorLog() + ")");
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException(
          "the Flink cluster did not become ready in "
              + timeout.toMinutes()
              + " min; see "
              + layout.logs());
    }
  }

  /**
   * The secrets a submitted job's main reads from the environment, from the local stack's files:
   * the pseudonym key and the writer's password. Production passes the same two variables from a
   * Kubernetes secret (deploy/k8s).
   */
  static Map<String, String> jobManagerSecrets() {
    StackLayout stack = StackCommand.layout();
    StackCredentials credentials =
        StackCredentials.readIfPresent(stack.credentials())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no ClickHouse users yet in "
                            + stack.credentials()
                            + "; start the stack first: ./chuanbo stack up --no-job"));
    try {
      return Map.of(
          JobSettingsFile.PSEUDONYM_KEY_VARIABLE,
          PseudonymKey.forLocalStack(stack),
          JobSettingsFile.CLICKHOUSE_PASSWORD_VARIABLE,
          credentials.passwordsByUser().get(StackCredentials.WRITER));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the pseudonym key: " + e.getMessage(), e);
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Says whether the cluster runs, its TaskManagers and their slots, and its jobs.")
  static final class Status implements Runnable {
    @Override
    public void run() {
      Optional<ClusterState> alive = alive();
      if (alive.isEmpty()) {
        System.out.println("no Flink cluster is running (./chuanbo cluster up starts one)");
        return;
      }
      ClusterState state = alive.get();
      System.out.println(
          "Flink cluster: " + state.phase() + " (supervisor pid " + state.pid() + ")");
      System.out.println("  REST & web UI  " + state.settings().restUrl());
      System.out.println("  JobManager     pid " + state.jobManagerPid());
      System.out.println("  TaskManagers   pids " + state.taskManagerPids());
      FlinkJobs jobs = new FlinkJobs(state.settings().restUrl());
      try {
        Map<String, String> registered = jobs.taskManagers();
        System.out.println("  registered     " + registered.size() + " TaskManagers");
        registered.forEach((id, slots) -> System.out.println("    " + id + "  " + slots));
        for (FlinkJobs.Job job : jobs.all()) {
          System.out.println("  job            " + job.name() + " " + job.id() + " " + job.state());
        }
      } catch (IOException e) {
        System.out.println("  the REST API does not answer: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description =
          "Stops the TaskManagers and the JobManager. A running job is cancelled with them; its"
              + " checkpoints stay in .chuanbo/cluster/checkpoints (job stop keeps a savepoint).")
  static final class Down implements Runnable {
    @Override
    public void run() {
      Optional<ClusterState> recorded = ClusterState.readFrom(layout().stateFile());
      if (recorded.isEmpty()) {
        System.out.println("no Flink cluster is running");
        return;
      }
      ClusterState state = recorded.get();
      if (state.processAlive()) {
        stop(state.pid(), Duration.ofSeconds(90));
      }
      // A supervisor killed with -9 leaves its children: stop them by their recorded pids.
      List<Long> children = new ArrayList<>(state.taskManagerPids());
      children.add(state.jobManagerPid());
      children.stream()
          .filter(Down::isFlinkProcess)
          .forEach(pid -> stop(pid, Duration.ofSeconds(30)));
      layout().stateFile().toFile().delete();
      System.out.println("Flink cluster stopped");
    }

    /** Still one of the cluster's JVMs, and not another process that got its pid since. */
    private static boolean isFlinkProcess(long pid) {
      return ProcessHandle.of(pid)
          .flatMap(process -> process.info().commandLine())
          .map(line -> line.contains("org.apache.flink.runtime."))
          .orElse(false);
    }

    private static void stop(long pid, Duration timeout) {
      ProcessHandle.of(pid)
          .ifPresent(
              process -> {
                process.destroy();
                try {
                  process.onExit().get(timeout.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                  process.destroyForcibly();
                }
              });
    }
  }

  @Command(
      name = "run",
      hidden = true,
      description = "Runs the cluster's supervisor in the foreground (what 'up' starts).")
  static final class Run implements Callable<Integer> {
    @picocli.CommandLine.Mixin SizeOptions options = new SizeOptions();

    @Override
    public Integer call() throws Exception {
      new ClusterSupervisor(layout(), options.settings(), jobManagerSecrets()).run();
      return 0;
    }
  }
}
