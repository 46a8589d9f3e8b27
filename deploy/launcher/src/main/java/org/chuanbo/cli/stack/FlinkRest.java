package org.chuanbo.cli.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * One JSON exchange with a Flink REST API: what {@code stack status} and the benchmark ask the
 * MiniCluster's web endpoint, and what {@code job …} asks a cluster's JobManager (uploads and
 * commands included). An answer other than 2xx is an {@link IOException} with Flink's own error,
 * like no answer.
 */
public final class FlinkRest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private FlinkRest() {}

  public static JsonNode get(String url, Duration timeout)
      throws IOException, InterruptedException {
    return exchange(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build());
  }

  /** POSTs {@code body} as JSON. */
  public static JsonNode post(String url, Object body, Duration timeout)
      throws IOException, InterruptedException {
    return exchange(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  /** Uploads a jar as the form field {@code jarfile}, the way {@code POST /jars/upload} wants. */
  public static JsonNode uploadJar(String url, Path jar, Duration timeout)
      throws IOException, InterruptedException {
    String boundary = "chuanbo-" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return exchange(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(
                HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(head),
                    HttpRequest.BodyPublishers.ofFile(jar),
                    HttpRequest.BodyPublishers.ofByteArray(tail)))
            .build());
  }

  private static JsonNode exchange(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + response.statusCode() + errors(response.body()));
    }
    return JSON.readTree(response.body());
  }

  /** Flink's {"errors": [...]}, first line of each: the reason a command was refused. */
  private static String errors(String body) {
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      StringBuilder text = new StringBuilder();
      for (JsonNode error : errors) {
        String message = error.asText().strip();
        text.append(": ").append(message.lines().findFirst().orElse(message));
      }
      return text.toString();
    } catch (IOException notJson) {
      return "";
    }
  }
}
