package org.chuanbo.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.chuanbo.cli.stack.FlinkRest;

/**
 * The jobs of a Flink cluster, through its REST API alone (as {@code flink run} and the Kubernetes
 * operator use it): upload a jar and run it, trigger a savepoint, stop with one, and read where a
 * job runs. Savepoints are canonical, so a job can resume at another parallelism or state backend.
 */
public final class FlinkJobs {

  private static final Duration ANSWER = Duration.ofSeconds(10);

  /** Running a jar builds the job graph in the JobManager: the job's main runs there. */
  private static final Duration RUN = Duration.ofMinutes(2);

  /** States in which a job still occupies the cluster. */
  private static final Set<String> ACTIVE =
      Set.of("INITIALIZING", "CREATED", "RUNNING", "RESTARTING", "FAILING", "CANCELLING");

  private final String url;

  public FlinkJobs(String restUrl) {
    this.url = restUrl;
  }

  /** One line of {@code /jobs/overview}. */
  public record Job(String id, String name, String state) {
    boolean active() {
      return ACTIVE.contains(state);
    }
  }

  public List<Job> all() throws IOException, InterruptedException {
    List<Job> jobs = new ArrayList<>();
    for (JsonNode job : FlinkRest.get(url + "/jobs/overview", ANSWER).path("jobs")) {
      jobs.add(
          new Job(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText()));
    }
    return jobs;
  }

  /** The job still running (or restarting) on the cluster, if there is one. */
  public Optional<Job> active() throws IOException, InterruptedException {
    return all().stream().filter(Job::active).findFirst();
  }

  /**
   * Uploads {@code jar}, runs its main with {@code arguments} at {@code parallelism}, from {@code
   * savepoint} when there is one, and returns the new job's id.
   */
  public String submit(
      Path jar, List<String> arguments, int parallelism, Optional<String> savepoint)
      throws IOException, InterruptedException {
    String uploaded = FlinkRest.uploadJar(url + "/jars/upload", jar, RUN).path("filename").asText();
    String jarId = Path.of(uploaded).getFileName().toString();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("programArgsList", arguments);
    run.put("parallelism", parallelism);
    savepoint.ifPresent(
        path -> {
          run.put("savepointPath", path);
          // Every operator of the job has a fixed uid: state that maps to none is a mistake.
          run.put("allowNonRestoredState", false);
        });
    return FlinkRest.post(url + "/jars/" + jarId + "/run", run, RUN).path("jobid").asText();
  }

  /**
   * Triggers a savepoint into {@code directory}, waits for it and returns where it is. A job that
   * is still restarting its tasks (after a failover, say) cannot take one: it waits for them.
   */
  public String savepoint(String jobId, Path directory, Duration timeout)
      throws IOException, InterruptedException {
    // The two endpoints spell the directory differently.
    return triggerSavepoint(
        jobId,
        "/savepoints",
        Map.of("target-directory", directory.toUri().toString(), "cancel-job", false),
        timeout);
  }

  /**
   * Stops the job with a savepoint (sources stop, the last checkpoint's rows are committed, then
   * the job finishes) and returns the savepoint's location.
   */
  public String stop(String jobId, Path directory, Duration timeout)
      throws IOException, InterruptedException {
    return triggerSavepoint(
        jobId,
        "/stop",
        Map.of("targetDirectory", directory.toUri().toString(), "drain", false),
        timeout);
  }

  private String triggerSavepoint(
      String jobId, String endpoint, Map<String, Object> request, Duration timeout)
      throws IOException, InterruptedException {
    awaitAllTasksRunning(jobId, timeout);
    Map<String, Object> canonical = new LinkedHashMap<>(request);
    canonical.put("formatType", "CANONICAL");
    JsonNode trigger = FlinkRest.post(url + "/jobs/" + jobId + endpoint, canonical, ANSWER);
    return awaitSavepoint(jobId, trigger.path("request-id").asText(), timeout);
  }

  /** Whether every subtask of the job runs: the job says RUNNING while it still deploys some. */
  public boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
    JsonNode detail = FlinkRest.get(url + "/jobs/" + jobId, ANSWER);
    if (!"RUNNING".equals(detail.path("state").asText())) {
      return false;
    }
    // A vertex says RUNNING once one of its subtasks does: count the subtasks themselves.
    for (JsonNode vertex : detail.path("vertices")) {
      var states = vertex.path("tasks").fields();
      while (states.hasNext()) {
        var state = states.next();
        if (!state.getKey().equals("RUNNING") && state.getValue().asInt() > 0) {
          return false;
        }
      }
    }
    return true;
  }

  private void awaitAllTasksRunning(String jobId, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!allTasksRunning(jobId)) {
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "job "
                + jobId
                + " has tasks that are not running after "
                + timeout.toSeconds()
                + " s; ./chuanbo job status says why");
      }
      Thread.sleep(500);
    }
  }

  private String awaitSavepoint(String jobId, String requestId, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = FlinkRest.get(url + "/jobs/" + jobId + "/savepoints/" + requestId, ANSWER);
      if ("COMPLETED".equals(status.at("/status/id").asText())) {
        JsonNode operation = status.path("operation");
        if (operation.has("failure-cause")) {
          String cause = operation.at("/failure-cause/stack-trace").asText("");
          throw new IOException(
              "the savepoint failed: " + cause.lines().findFirst().orElse("no cause given"));
        }
        return operation.path("location").asText();
      }
      Thread.sleep(250);
    }
    throw new IOException(
        "the savepoint did not complete within "
            + timeout.toSeconds()
            + " s (request "
            + requestId
            + ")");
  }

  /** What {@code job status} shows of one job. */
  public record Details(
      Job job,
      int parallelism,
      int restarts,
      String lastFailure,
      Set<String> taskManagers,
      long completedCheckpoints,
      String latestCheckpoint,
      long latestCheckpointMillis) {}

  public Details details(Job job) throws IOException, InterruptedException {
    JsonNode detail = FlinkRest.get(url + "/jobs/" + job.id(), ANSWER);
    int parallelism = 0;
    Set<String> taskManagers = new TreeSet<>();
    for (JsonNode vertex : detail.path("vertices")) {
      parallelism = Math.max(parallelism, vertex.path("parallelism").asInt());
      JsonNode hosts =
          FlinkRest.get(
              url
                  + "/jobs/"
                  + job.id()
                  + "/vertices/"
                  + vertex.path("id").asText()
                  + "/taskmanagers",
              ANSWER);
      for (JsonNode taskManager : hosts.path("taskmanagers")) {
        taskManagers.add(taskManager.path("taskmanager-id").asText());
      }
    }
    Failures failures = failures(job.id());
    JsonNode checkpoints = FlinkRest.get(url + "/jobs/" + job.id() + "/checkpoints", ANSWER);
    JsonNode latest = checkpoints.at("/latest/completed");
    return new Details(
        job,
        parallelism,
        failures.count(),
        failures.last(),
        taskManagers,
        checkpoints.at("/counts/completed").asLong(),
        latest.path("external_path").asText(""),
        latest.path("end_to_end_duration").asLong());
  }

  /**
   * The job's failures so far: how many (each restarts the job, so this counts the restarts, and it
   * is there from the start, unlike the {@code numRestarts} metric), whether Flink kept fewer than
   * there were, and the first line of the last one's cause ("" when none).
   */
  public record Failures(int count, boolean truncated, String last) {}

  public Failures failures(String jobId) throws IOException, InterruptedException {
    JsonNode history =
        FlinkRest.get(url + "/jobs/" + jobId + "/exceptions?maxExceptions=100", ANSWER)
            .path("exceptionHistory");
    JsonNode entries = history.path("entries");
    String last = "";
    if (entries.isArray() && !entries.isEmpty()) {
      JsonNode newest = entries.get(0);
      String cause = newest.path("stacktrace").asText(newest.path("exceptionName").asText());
      last = cause.lines().findFirst().orElse(cause);
    }
    return new Failures(entries.size(), history.path("truncated").asBoolean(), last);
  }

  /** The TaskManagers registered with the JobManager, by id, with their free and total slots. */
  public Map<String, String> taskManagers() throws IOException, InterruptedException {
    Map<String, String> slots = new LinkedHashMap<>();
    for (JsonNode taskManager : FlinkRest.get(url + "/taskmanagers", ANSWER).path("taskmanagers")) {
      slots.put(
          taskManager.path("id").asText(),
          taskManager.path("freeSlots").asInt()
              + " of "
              + taskManager.path("slotsNumber").asInt()
              + " slots free");
    }
    return slots;
  }
}
