package org.chuanbo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.chuanbo.cli.cluster.Checkout;
import org.chuanbo.cli.cluster.ClusterLayout;
import org.chuanbo.cli.cluster.ClusterState;
import org.chuanbo.cli.cluster.FlinkJobs;
import org.chuanbo.cli.stack.StackCredentials;
import org.chuanbo.cli.stack.StackPorts;
import org.chuanbo.cli.stack.StackState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./chuanbo job submit|status|savepoint|stop|resume}: the dissemination job on the local
 * Flink cluster, through its REST API, reading from and writing to the local stack.
 */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description =
        "Submits the dissemination job to the Flink cluster (./chuanbo cluster up) and takes"
            + " savepoints, stops and resumes it.",
    subcommands = {
      JobCommand.Submit.class,
      JobCommand.Status.class,
      JobCommand.Savepoint.class,
      JobCommand.Stop.class,
      JobCommand.Resume.class
    })
final class JobCommand implements Runnable {

  private static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(5);

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  private static FlinkJobs jobs() {
    return new FlinkJobs(ClusterCommand.running().settings().restUrl());
  }

  /** The job running on the cluster, or a one-line error. */
  private static FlinkJobs.Job active(FlinkJobs jobs) throws IOException, InterruptedException {
    return jobs.active()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no job is running on the Flink cluster; ./chuanbo job submit starts one"));
  }

  static final class ParallelismOption {
    @Option(
        names = "--parallelism",
        defaultValue = "2",
        description = "Parallel subtasks of every operator (default: ${DEFAULT-VALUE}).")
    int parallelism;

    int value() {
      if (parallelism < 1 || parallelism > 256) {
        throw new IllegalArgumentException(
            "--parallelism must be between 1 and 256 (the job's key groups), got " + parallelism);
      }
      return parallelism;
    }
  }

  /**
   * Submits the job jar with a settings file that points at the running stack, unless that would
   * make two writers: the stack's own job, or a job already on the cluster.
   */
  static String submit(int parallelism, Optional<String> savepoint)
      throws IOException, InterruptedException {
    ClusterState cluster = ClusterCommand.running();
    StackState stack =
        StackCommand.running()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the local stack is not running; start it with ./chuanbo stack up"
                            + " --no-job"));
    if (stack.runsJob()) {
      throw new IllegalStateException(
          "the local stack runs its own job, which would count every event a second time;"
              + " restart it without: ./chuanbo stack down && ./chuanbo stack up --no-job");
    }
    FlinkJobs jobs = new FlinkJobs(cluster.settings().restUrl());
    Optional<FlinkJobs.Job> running = jobs.active();
    if (running.isPresent()) {
      throw new IllegalStateException(
          "job "
              + running.get().id()
              + " is already "
              + running.get().state()
              + " on the cluster; ./chuanbo job stop first");
    }
    Path settings = writeSettings(ClusterCommand.layout(), stack.ports());
    return jobs.submit(
        Checkout.jobJar(), List.of("--settings", settings.toString()), parallelism, savepoint);
  }

  /**
   * The settings file the job's main reads on the cluster: the bundled defaults (RocksDB,
   * incremental checkpoints) with the stack's addresses, its writer and the cluster's checkpoint
   * directory. The password and the key are not in it: the JobManager has them in its environment.
   */
  private static Path writeSettings(ClusterLayout layout, StackPorts ports) throws IOException {
    Files.createDirectories(layout.checkpoints());
    List<String> lines =
        List.of(
            "# Written by ./chuanbo job submit; the bundled chuanbo-job.properties has the rest.",
            "kafka.bootstrap-servers=" + ports.kafkaAddress(),
            "clickhouse.url=" + ports.clickHouseUrl(),
            "clickhouse.user=" + StackCredentials.WRITER,
            "checkpoint.directory=" + layout.checkpoints().toUri());
    Files.write(layout.jobSettings(), lines, StandardCharsets.UTF_8);
    return layout.jobSettings();
  }

  static void printSubmitted(String jobId, int parallelism) {
    String url = ClusterCommand.running().settings().restUrl();
    System.out.println(
        "submitted chuanbo-dissemination: job " + jobId + ", parallelism " + parallelism);
    System.out.println("  web UI  " + url + "/#/job/running/" + jobId + "/overview");
  }

  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description = "Uploads the job jar to the cluster and starts the job from empty state.")
  static final class Submit implements Callable<Integer> {
    @picocli.CommandLine.Mixin ParallelismOption parallelism = new ParallelismOption();

    @Override
    public Integer call() throws Exception {
      int value = parallelism.value();
      printSubmitted(submit(value, Optional.empty()), value);
      return 0;
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description =
          "Starts the job again from a savepoint (job stop prints one), at any parallelism.")
  static final class Resume implements Callable<Integer> {
    @Option(
        names = "--from",
        required = true,
        description = "The savepoint: the location job stop or job savepoint printed.")
    String from;

    @picocli.CommandLine.Mixin ParallelismOption parallelism = new ParallelismOption();

    @Override
    public Integer call() throws Exception {
      int value = parallelism.value();
      Path metadata = savepointDirectory(from).resolve("_metadata");
      if (!Files.isRegularFile(metadata)) {
        throw new IllegalArgumentException(
            "--from "
                + from
                + " is not a savepoint (no _metadata in it); use the location that"
                + " ./chuanbo job stop printed");
      }
      printSubmitted(submit(value, Optional.of(from)), value);
      System.out.println("  from    " + from);
      return 0;
    }

    private static Path savepointDirectory(String location) {
      String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
      return Path.of(path.replaceFirst("^//+", "/"));
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "The job's state, parallelism, the TaskManagers it runs on, restarts and checkpoints.")
  static final class Status implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      FlinkJobs jobs = jobs();
      List<FlinkJobs.Job> all = jobs.all();
      if (all.isEmpty()) {
        System.out.println("no job on the Flink cluster (./chuanbo job submit starts one)");
        return 0;
      }
      for (FlinkJobs.Job job : all) {
        FlinkJobs.Details details = jobs.details(job);
        System.out.println(job.name() + " " + job.id() + ": " + job.state());
        System.out.println("  parallelism   " + details.parallelism());
        System.out.println(
            "  runs on       "
                + details.taskManagers().size()
                + " TaskManagers "
                + details.taskManagers());
        System.out.println("  restarts      " + details.restarts());
        if (!details.lastFailure().isEmpty()) {
          System.out.println("  last failure  " + details.lastFailure());
        }
        System.out.println(
            "  checkpoints   "
                + details.completedCheckpoints()
                + " completed"
                + (details.latestCheckpoint().isEmpty()
                    ? ""
                    : ", latest "
                        + details.latestCheckpoint()
                        + " ("
                        + details.latestCheckpointMillis()
                        + " ms)"));
      }
      return 0;
    }
  }

  @Command(
      name = "savepoint",
      mixinStandardHelpOptions = true,
      description = "Takes a savepoint of the running job, which keeps running.")
  static final class Savepoint implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      SavepointTaken taken = ofActiveJob(FlinkJobs::savepoint);
      System.out.println("savepoint of job " + taken.jobId() + ": " + taken.location());
      return 0;
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description =
          "Stops the job with a savepoint: every counted event is committed to ClickHouse first.")
  static final class Stop implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      SavepointTaken taken = ofActiveJob(FlinkJobs::stop);
      System.out.println("stopped job " + taken.jobId() + " with savepoint " + taken.location());
      System.out.println("  resume with  ./chuanbo job resume --from " + taken.location());
      return 0;
    }
  }

  /** How a savepoint is taken: {@link FlinkJobs#savepoint} or {@link FlinkJobs#stop}. */
  private interface SavepointTrigger {
    String take(FlinkJobs jobs, String jobId, Path directory, Duration timeout)
        throws IOException, InterruptedException;
  }

  private record SavepointTaken(String jobId, String location) {}

  /** A savepoint of the running job into the cluster's savepoint directory. */
  private static SavepointTaken ofActiveJob(SavepointTrigger trigger)
      throws IOException, InterruptedException {
    FlinkJobs jobs = jobs();
    FlinkJobs.Job job = active(jobs);
    return new SavepointTaken(
        job.id(),
        trigger.take(jobs, job.id(), ClusterCommand.layout().savepoints(), SAVEPOINT_TIMEOUT));
  }
}
