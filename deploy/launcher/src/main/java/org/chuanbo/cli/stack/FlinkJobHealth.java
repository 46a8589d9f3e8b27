package org.chuanbo.cli.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;

/**
 * The job's health as the Flink REST API reports it, for {@code stack status}: its state, how often
 * it restarted, and the last failure's cause. A job that restarts every second looks "running" from
 * outside; the restart count and the cause are what show a restart loop.
 */
public final class FlinkJobHealth {

  /** Failures asked for; Flink keeps 16 by default, and "16+" says there were more. */
  private static final int HISTORY = 100;

  private FlinkJobHealth() {}

  /**
   * One line (two with a last failure) about the first job of the Flink REST API at {@code url}.
   */
  public static String describe(String url) {
    try {
      JsonNode jobs = get(url + "/jobs/overview").get("jobs");
      if (jobs == null || jobs.isEmpty()) {
        return "Flink job  none running";
      }
      JsonNode job = jobs.get(0);
      String id = job.get("jid").asText();
      // Every failure restarts the job (fixed-delay, unbounded), so the failure history counts
      // the restarts; it is there from the start, unlike the numRestarts metric.
      JsonNode history = get(url + "/jobs/" + id + "/exceptions?maxExceptions=" + HISTORY);
      JsonNode failures = history.at("/exceptionHistory/entries");
      String restarts =
          failures.size() + (history.at("/exceptionHistory/truncated").asBoolean() ? "+" : "");
      String line =
          "Flink job  "
              + job.get("name").asText()
              + ": "
              + job.get("state").asText()
              + ", restarts "
              + restarts;
      if (failures.isArray() && !failures.isEmpty()) {
        JsonNode last = failures.get(0);
        String cause = last.path("stacktrace").asText(last.path("exceptionName").asText());
        line += "\n  last failure: " + cause.lines().findFirst().orElse(cause);
      }
      return line;
    } catch (IOException e) {
      return "Flink job  no answer from " + url;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "Flink job  interrupted";
    }
  }

  private static JsonNode get(String url) throws IOException, InterruptedException {
    return FlinkRest.get(url, Duration.ofSeconds(3));
  }
}
