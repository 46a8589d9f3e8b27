package org.chuanbo.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.chuanbo.cli.stack.FlinkRest;

/**
 * State size per operator, from the job's own checkpoint statistics (Flink REST: {@code
 * /jobs/:id/checkpoints/details/:checkpoint}, {@code state_size} per job vertex) of a canonical
 * savepoint taken for the purpose: a full snapshot in Flink's backend-independent format, so a
 * vertex's {@code state_size} is the serialized size of all its keyed state — for the dedupe
 * vertex, one entry per event id held (the key as Flink serializes it, and the flag with its TTL
 * timestamp). A checkpoint would not do: with the state changelog its size is the last snapshot of
 * the state plus the log of every change since.
 */
public final class CheckpointStateSizes {

  private final String baseUrl;
  private final String jobId;

  public CheckpointStateSizes(String flinkUrl, String jobId) {
    this.baseUrl = flinkUrl;
    this.jobId = jobId;
  }

  /**
   * The checkpoint the sizes come from: where it is, its total size and how long it took end to
   * end.
   */
  public record Checkpoint(
      String path,
      long id,
      long stateBytes,
      long durationMillis,
      long averageDurationMillis,
      Map<String, Long> byVertex) {}

  /**
   * Takes a canonical savepoint of {@code job} into {@code directory}, waits for it, and returns
   * its state size per vertex name.
   */
  public Checkpoint savepoint(JobClient job, Path directory, Duration timeout)
      throws InterruptedException {
    String path;
    try {
      path =
          job.triggerSavepoint(directory.toUri().toString(), SavepointFormatType.CANONICAL)
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the savepoint did not complete: " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode statistics = get("/jobs/" + jobId + "/checkpoints");
      JsonNode savepoint = statistics.path("latest").path("savepoint");
      if (path.equals(savepoint.path("external_path").asText())) {
        long id = savepoint.path("id").asLong();
        return new Checkpoint(
            path,
            id,
            savepoint.path("state_size").asLong(),
            savepoint.path("end_to_end_duration").asLong(),
            statistics.path("summary").path("end_to_end_duration").path("avg").asLong(),
            byVertexName(id));
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("savepoint " + path + " is not in Flink's statistics");
  }

  private Map<String, Long> byVertexName(long checkpointId) {
    Map<String, String> names = new LinkedHashMap<>();
    for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
      names.put(vertex.path("id").asText(), vertex.path("name").asText());
    }
    Map<String, Long> sizes = new LinkedHashMap<>();
    JsonNode tasks = get("/jobs/" + jobId + "/checkpoints/details/" + checkpointId).path("tasks");
    tasks
        .fields()
        .forEachRemaining(
            task ->
                sizes.put(
                    names.getOrDefault(task.getKey(), task.getKey()),
                    task.getValue().path("state_size").asLong()));
    return sizes;
  }

  /** The state size of the one vertex whose name contains {@code operatorName}. */
  public static long of(Map<String, Long> sizes, String operatorName) {
    return sizes.entrySet().stream()
        .filter(entry -> entry.getKey().contains(operatorName))
        .mapToLong(Map.Entry::getValue)
        .reduce(
            (a, b) -> {
              throw new IllegalStateException("more than one vertex holds " + operatorName);
            })
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no vertex holds " + operatorName + ": " + sizes.keySet()));
  }

  private JsonNode get(String path) {
    try {
      return FlinkRest.get(baseUrl + path, Duration.ofSeconds(10));
    } catch (IOException e) {
      throw new IllegalStateException("Flink REST " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
