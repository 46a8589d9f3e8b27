package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.chuanbo.kafka.local.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./chuanbo clickhouse} as a user runs it: its own process, stopped with SIGTERM. */
class ClickHouseCommandITCase {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path temp;

  @Test
  void shouldAnswerPingAndServeTheCurrentEngine() throws Exception {
    int port = LoopbackPorts.freePort();
    CliProcess endpoint =
        CliProcess.start(
            temp,
            "clickhouse",
            "--port",
            Integer.toString(port),
            "--data",
            temp.resolve("data").toString());
    try {
      awaitPing(port);
      assertThat(get(port, "/?query=" + encode("SELECT version()")).body()).startsWith("26.");
    } finally {
      stop(endpoint);
    }
  }

  @Test
  void shouldKeepDataAcrossACleanRestart() throws Exception {
    int port = LoopbackPorts.freePort();
    String data = temp.resolve("data").toString();
    CliProcess first =
        CliProcess.start(temp, "clickhouse", "--port", Integer.toString(port), "--data", data);
    awaitPing(port);
    post(port, "/", "CREATE TABLE kept (id UInt32, title String) ENGINE = MergeTree ORDER BY id");
    post(port, "/?query=" + encode("INSERT INTO kept FORMAT TSV"), "1\t我是党员\n2\t第一书记\n");
    assertThat(stop(first)).as("exit status after SIGTERM").isZero();
    assertThat(first.output()).contains("ClickHouse endpoint stopped");

    CliProcess second =
        CliProcess.start(temp, "clickhouse", "--port", Integer.toString(port), "--data", data);
    try {
      awaitPing(port);
      assertThat(get(port, "/?query=" + encode("SELECT id, title FROM kept ORDER BY id")).body())
          .isEqualTo("1\t我是党员\n2\t第一书记\n");
    } finally {
      stop(second);
    }
  }

  @Test
  void shouldRefuseWrongCredentialsWhenStartedWithAUser() throws Exception {
    int port = LoopbackPorts.freePort();
    CliProcess endpoint =
        CliProcess.start(
            temp,
            "clickhouse",
            "--port",
            Integer.toString(port),
            "--data",
            temp.resolve("data").toString(),
            "--user",
            "office",
            "--password",
            "党建2026");
    try {
      awaitPing(port);
      HttpResponse<String> refused = get(port, "/?query=SELECT%201");
      assertThat(refused.headers().firstValue("X-ClickHouse-Exception-Code")).contains("516");
      assertThat(get(port, "/?query=SELECT%201", "office", "党建2026").body()).isEqualTo("1\n");
    } finally {
      stop(endpoint);
    }
  }

  /**
   * The stack's way, standalone: users from a credentials file in the roles their names say, and
   * limits from flags.
   */
  @Test
  void shouldServeTheUsersOfACredentialsFileWithTheGivenLimits() throws Exception {
    int port = LoopbackPorts.freePort();
    Path credentials =
        Files.writeString(
            temp.resolve("credentials.properties"),
            "ops_admin=a-secret\nops_writer=w-secret\nops_reader=r-secret\n");
    CliProcess endpoint =
        CliProcess.start(
            temp,
            "clickhouse",
            "--port",
            Integer.toString(port),
            "--data",
            temp.resolve("data").toString(),
            "--credentials",
            credentials.toString(),
            "--max-result-bytes",
            "100000");
    try {
      awaitPing(port);
      String insert = "/?query=" + encode("CREATE TABLE default.t (n UInt8) ENGINE = Memory");
      assertThat(get(port, "/?query=SELECT%201", "ops_reader", "r-secret").body()).isEqualTo("1\n");
      assertThat(postAs(port, insert, "ops_reader", "r-secret").body()).contains("ACCESS_DENIED");
      assertThat(postAs(port, insert, "ops_writer", "w-secret").body()).contains("ACCESS_DENIED");
      assertThat(postAs(port, insert, "ops_admin", "a-secret").statusCode()).isEqualTo(200);
      String big = "/?query=" + encode("SELECT * FROM numbers(1000000)");
      assertThat(get(port, big, "ops_reader", "r-secret").body())
          .contains("TOO_MANY_ROWS_OR_BYTES");
      assertThat(endpoint.output()).contains("ops_reader (reader)");
    } finally {
      stop(endpoint);
    }
  }

  @Test
  void shouldExplainABadFlagInOneLine() throws Exception {
    CliProcess process =
        CliProcess.start(
            temp, "clickhouse", "--port", "99999", "--data", temp.resolve("data").toString());
    assertThat(process.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.process().exitValue()).isNotZero();
    List<String> lines = process.output().lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("chuanbo: ").contains("--port");

    CliProcess unknown = CliProcess.start(temp, "clickhouse", "--prot", "1");
    assertThat(unknown.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(unknown.output().strip()).startsWith("chuanbo: Unknown option").contains("--help");
  }

  /** SIGTERM, as a service manager stops it; returns the exit status. */
  private static int stop(CliProcess cli) throws InterruptedException {
    Process process = cli.process();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the endpoint did not stop within 30 s of SIGTERM");
    }
    return process.exitValue();
  }

  /** Long enough for a loaded CI machine: how fast the endpoint starts is not this test's claim. */
  private static void awaitPing(int port) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> get(port, "/ping").body().equals("Ok.\n"));
  }

  private static HttpResponse<String> get(int port, String pathAndQuery)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** A GET as {@code user}, its password in Basic authentication as clients send it. */
  private static HttpResponse<String> get(
      int port, String pathAndQuery, String user, String password)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .header("Authorization", basic(user, password))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> postAs(
      int port, String pathAndQuery, String user, String password)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .header("Authorization", basic(user, password))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static void post(int port, String pathAndQuery, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
