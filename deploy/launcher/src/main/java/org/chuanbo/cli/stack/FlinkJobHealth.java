package org.chuanbo.cli.stack;

import java.io.IOException;
import java.util.List;
import org.chuanbo.cli.cluster.FlinkJobs;

/**
 * The job's health as the Flink REST API reports it, for {@code stack status}: its state, how often
 * it restarted, and the last failure's cause. A job that restarts every second looks "running" from
 * outside; the restart count and the cause are what show a restart loop.
 */
public final class FlinkJobHealth {

  private FlinkJobHealth() {}

  /**
   * One line (two with a last failure) about the first job of the Flink REST API at {@code url}.
   */
  public static String describe(String url) {
    FlinkJobs jobs = new FlinkJobs(url);
    try {
      List<FlinkJobs.Job> all = jobs.all();
      if (all.isEmpty()) {
        return "Flink job  none running";
      }
      FlinkJobs.Job job = all.get(0);
      FlinkJobs.Failures failures = jobs.failures(job.id());
      String line =
          "Flink job  "
              + job.name()
              + ": "
              + job.state()
              + ", restarts "
              + failures.count()
              + (failures.truncated() ? "+" : "");
      if (!failures.last().isEmpty()) {
        line += "\n  last failure: " + failures.last();
      }
      return line;
    } catch (IOException e) {
      return "Flink job  no answer from " + url;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "Flink job  interrupted";
    }
  }
}
