package org.chuanbo.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;

/**
 * Whether a running job has failed and restarted, read from the cluster's REST API the way an
 * operator's monitoring would: the job metric {@code numRestarts} and the job's exception history.
 */
final class JobRestarts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String jobUrl;

  /**
   * A MiniCluster for the job (one TaskManager, 4 slots) whose REST API fetches metrics every
   * second, so that {@link #count()} is current soon after a job starts.
   */
  static MiniClusterResourceConfiguration miniCluster() {
    Configuration configuration = new Configuration();
    configuration.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
    return new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1)
        .setNumberSlotsPerTaskManager(4)
        .setConfiguration(configuration)
        .build();
  }

  JobRestarts(String webInterfaceUrl, JobID job) {
    this.jobUrl = webInterfaceUrl.replaceAll("/$", "") + "/jobs/" + job;
  }

  /** The metric {@code numRestarts}, or empty until the cluster has fetched the job's metrics. */
  OptionalLong count() {
    for (JsonNode metric : get("/metrics?get=numRestarts")) {
      if (metric.path("id").asText().equals("numRestarts")) {
        return OptionalLong.of(Long.parseLong(metric.path("value").asText()));
      }
    }
    return OptionalLong.empty();
  }

  /** Every failure the job went through, each as "exception: message"; empty when none. */
  List<String> failures() {
    List<String> failures = new ArrayList<>();
    for (JsonNode entry : get("/exceptions").path("exceptionHistory").path("entries")) {
      failures.add(entry.path("exceptionName").asText() + ": " + entry.path("stacktrace").asText());
    }
    return failures;
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(jobUrl + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(jobUrl + path + " answered " + response.statusCode());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + jobUrl + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + jobUrl + path, e);
    }
  }
}
