package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.clickhouse.local.http.PlainHttp.encode;
import static org.chuanbo.clickhouse.local.http.PlainHttp.text;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.clickhouse.local.engine.ChdbEngine;
import org.junit.jupiter.api.Test;

/** The examples of ClickHouse's HTTP-interface documentation, and the interface's other rules. */
class HttpInterfaceITCase {

  private final PlainHttp http = new PlainHttp(LocalClickHouse.url());

  @Test
  void shouldAnswerHealthChecks() {
    assertThat(text(http.get("/"))).isEqualTo("Ok.\n");
    assertThat(text(http.get("/ping"))).isEqualTo("Ok.\n");
    assertThat(http.get("/no/such/handler").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldRunTheDocumentationExamples() {
    // $ curl 'http://localhost:8123/?query=SELECT%201'
    assertThat(text(http.get("/?query=SELECT%201"))).isEqualTo("1\n");
    // $ echo 'SELECT 1' | curl 'http://localhost:8123/' --data-binary @-
    assertThat(text(http.post("/", "SELECT 1\n"))).isEqualTo("1\n");
    // $ echo 'SELECT 1 FORMAT Pretty' | curl 'http://localhost:8123/?' --data-binary @-
    assertThat(text(http.post("/?", "SELECT 1 FORMAT Pretty"))).contains("┃ 1 ┃");
    // $ echo '1' | curl 'http://localhost:8123/?query=SELECT' --data-binary @-  (query = param +
    // newline + body)
    assertThat(text(http.post("/?query=SELECT", "1"))).isEqualTo("1\n");

    String table = LocalClickHouse.uniqueName("docs_t");
    assertThat(http.post("/", "CREATE TABLE " + table + " (a UInt8) ENGINE = Memory").statusCode())
        .isEqualTo(200);
    http.post("/?query=" + encode("INSERT INTO " + table + " VALUES"), "(1),(2),(3)");
    http.post("/", "INSERT INTO " + table + " VALUES (4),(5),(6)");
    http.post("/?query=" + encode("INSERT INTO " + table + " FORMAT TabSeparated"), "7\n8\n9\n");
    assertThat(text(http.get("/?query=" + encode("SELECT a FROM " + table + " ORDER BY a"))))
        .isEqualTo("1\n2\n3\n4\n5\n6\n7\n8\n9\n");
    // Data for an INSERT may hold blank lines: they are data, not the end of it.
    String strings = LocalClickHouse.uniqueName("docs_s");
    http.post("/", "CREATE TABLE " + strings + " (s String) ENGINE = Memory");
    http.post("/?query=" + encode("INSERT INTO " + strings + " FORMAT TSV"), "a\n\nb\n");
    assertThat(text(http.get("/?query=" + encode("SELECT count() FROM " + strings))))
        .isEqualTo("3\n");
    http.post("/", "DROP TABLE " + table);
    assertThat(text(http.get("/?query=" + encode("EXISTS TABLE " + table)))).isEqualTo("0\n");
  }

  @Test
  void shouldBindQueryParameters() {
    // $ curl -sS "<address>?param_id=2&param_phrase=test" -d "SELECT * FROM table WHERE int_column
    // = {id:UInt8} and string_column = {phrase:String}"
    HttpResponse<byte[]> response =
        http.post(
            "/?param_id=2&param_phrase=" + encode("党建 'quoted'"),
            "SELECT number, {phrase:String} FROM system.numbers WHERE number = {id:UInt8} LIMIT 1");
    assertThat(text(response)).isEqualTo("2\t党建 \\'quoted\\'\n");
  }

  @Test
  void shouldHonourTheFormatChoiceAndAnnounceIt() {
    HttpResponse<byte[]> byParameter =
        http.get("/?default_format=JSONEachRow&query=" + encode("SELECT 1 AS x"));
    assertThat(text(byParameter)).isEqualTo("{\"x\":1}\n");
    assertThat(byParameter.headers().firstValue("X-ClickHouse-Format")).contains("JSONEachRow");

    HttpResponse<byte[]> byHeader =
        http.send(
            http.requestTo("/?query=" + encode("SELECT 1 AS x"))
                .header("X-ClickHouse-Format", "CSVWithNames")
                .GET());
    assertThat(text(byHeader)).isEqualTo("\"x\"\n1\n");

    HttpResponse<byte[]> byClause =
        http.get("/?default_format=CSV&query=" + encode("SELECT 1 AS x FORMAT JSONCompactEachRow"));
    assertThat(text(byClause)).isEqualTo("[1]\n");
    assertThat(byClause.headers().firstValue("X-ClickHouse-Format")).contains("JSONCompactEachRow");

    byte[] parquet =
        http.get("/?query=" + encode("SELECT number FROM numbers(10) FORMAT Parquet")).body();
    assertThat(new String(parquet, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
  }

  @Test
  void shouldSendTheServersHeaders() {
    HttpResponse<byte[]> response = http.get("/?query_id=my-query-42&query=" + encode("SELECT 1"));
    assertThat(response.headers().firstValue("X-ClickHouse-Query-Id")).contains("my-query-42");
    assertThat(response.headers().firstValue("X-ClickHouse-Timezone")).isPresent();
    assertThat(response.headers().firstValue("X-ClickHouse-Summary").orElseThrow())
        .contains("\"read_rows\":\"1\"");
    assertThat(
            http.get("/?query=SELECT%201")
                .headers()
                .firstValue("X-ClickHouse-Query-Id")
                .orElseThrow())
        .matches("[0-9a-f-]{36}");
  }

  @Test
  void shouldAnswerErrorsAsTheServerDoes() {
    HttpResponse<byte[]> missing =
        http.get("/?query=" + encode("SELECT * FROM no_such_table_here"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("X-ClickHouse-Exception-Code")).contains("60");
    assertThat(text(missing))
        .startsWith("Code: 60. DB::Exception: ")
        .contains("no_such_table_here");

    HttpResponse<byte[]> syntax = http.post("/", "SELEKT 1");
    assertThat(syntax.statusCode()).isEqualTo(400);
    assertThat(syntax.headers().firstValue("X-ClickHouse-Exception-Code")).contains("62");

    HttpResponse<byte[]> failing = http.post("/", "SELECT throwIf(number = 3) FROM numbers(10)");
    assertThat(failing.statusCode()).isEqualTo(500);
    assertThat(failing.headers().firstValue("X-ClickHouse-Exception-Code")).contains("395");

    assertThat(http.post("/", "").headers().firstValue("X-ClickHouse-Exception-Code"))
        .contains("62");
  }

  @Test
  void shouldRefuseChangesOverGet() {
    HttpResponse<byte[]> response =
        http.get("/?query=" + encode("CREATE TABLE readonly_t (a UInt8) ENGINE = Memory"));
    assertThat(response.headers().firstValue("X-ClickHouse-Exception-Code")).contains("164");
  }

  @Test
  void shouldApplyUrlSettingsToTheQuery() {
    assertThat(
            text(http.get("/?max_threads=3&query=" + encode("SELECT getSetting('max_threads')"))))
        .isEqualTo("3\n");
    assertThat(
            http.get("/?no_such_setting=1&query=SELECT%201")
                .headers()
                .firstValue("X-ClickHouse-Exception-Code"))
        .contains("115");
  }

  @Test
  void shouldUseTheRequestedDatabase() {
    String database = LocalClickHouse.uniqueName("db");
    http.post("/", "CREATE DATABASE " + database);
    assertThat(
            text(
                http.get(
                    "/?database=" + database + "&query=" + encode("SELECT currentDatabase()"))))
        .isEqualTo(database + "\n");
    HttpResponse<byte[]> byHeader =
        http.send(
            http.requestTo("/?query=" + encode("SELECT currentDatabase()"))
                .header("X-ClickHouse-Database", database)
                .GET());
    assertThat(text(byHeader)).isEqualTo(database + "\n");
    http.post("/", "DROP DATABASE " + database);
  }

  @Test
  void shouldKeepSessionSettingsAndTemporaryTables() {
    String session = LocalClickHouse.uniqueName("session");
    String in = "/?session_id=" + session + "&query=";
    http.post(in + encode("SET max_threads = 2"), "");
    http.post(in + encode("CREATE TEMPORARY TABLE scratch (x UInt8)"), "");
    http.post(in + encode("INSERT INTO scratch VALUES (7)"), "");
    assertThat(text(http.get(in + encode("SELECT x, getSetting('max_threads') FROM scratch"))))
        .isEqualTo("7\t2\n");
    // A URL setting applies to its one query, not to the session.
    assertThat(
            text(
                http.get(
                    "/?session_id="
                        + session
                        + "&max_threads=5&query="
                        + encode("SELECT getSetting('max_threads')"))))
        .isEqualTo("5\n");
    assertThat(text(http.get(in + encode("SELECT getSetting('max_threads')")))).isEqualTo("2\n");
    // Outside the session the temporary table does not exist.
    assertThat(http.get("/?query=" + encode("SELECT * FROM scratch")).statusCode()).isEqualTo(404);
    assertThat(
            http.get(
                    "/?session_id="
                        + LocalClickHouse.uniqueName("absent")
                        + "&session_check=1&query=SELECT%201")
                .headers()
                .firstValue("X-ClickHouse-Exception-Code"))
        .contains("372");
  }

  @Test
  void shouldLockASessionToOneQueryAtATime() throws Exception {
    String session = LocalClickHouse.uniqueName("busy");
    var slow =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> http.get("/?session_id=" + session + "&query=" + encode("SELECT sleep(1)")));
    Thread.sleep(300);
    HttpResponse<byte[]> second = http.get("/?session_id=" + session + "&query=SELECT%201");
    assertThat(second.headers().firstValue("X-ClickHouse-Exception-Code")).contains("373");
    assertThat(slow.get().statusCode()).isEqualTo(200);
  }

  @Test
  void shouldExpireIdleSessions() {
    String session = LocalClickHouse.uniqueName("short");
    http.post(
        "/?session_id="
            + session
            + "&session_timeout=1&query="
            + encode("CREATE TEMPORARY TABLE gone (x UInt8)"),
        "");
    // Every request to a session restarts its idle clock, so look only every 2.5 s.
    org.awaitility.Awaitility.await()
        .pollDelay(Duration.ofMillis(2500))
        .pollInterval(Duration.ofMillis(2500))
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                http.get(
                        "/?session_id="
                            + session
                            + "&session_timeout=1&session_check=1&query=SELECT%201")
                    .headers()
                    .firstValue("X-ClickHouse-Exception-Code")
                    .orElse("")
                    .equals("372"));
    assertThat(
            http.get("/?session_timeout=999999&session_id=x&query=SELECT%201")
                .headers()
                .firstValue("X-ClickHouse-Exception-Code"))
        .contains("374");
  }

  @Test
  void shouldCompressResponsesInTheNativeBlockFormat() throws IOException {
    HttpResponse<byte[]> response =
        http.get("/?compress=1&query=" + encode("SELECT number FROM numbers(100000)"));
    byte[] plain =
        new CompressedBlockInputStream(new ByteArrayInputStream(response.body()), 1 << 20)
            .readAllBytes();
    byte[] expected = http.get("/?query=" + encode("SELECT number FROM numbers(100000)")).body();
    assertThat(plain).isEqualTo(expected);
    assertThat(response.body().length).isLessThan(expected.length);
  }

  @Test
  void shouldReadCompressedRequestBodies() throws IOException {
    String table = LocalClickHouse.uniqueName("compressed_in");
    http.post("/", "CREATE TABLE " + table + " (s String) ENGINE = Memory");
    ByteArrayOutputStream blocks = new ByteArrayOutputStream();
    try (CompressedBlockOutputStream out = new CompressedBlockOutputStream(blocks)) {
      out.write("贺州\n钟山\n".getBytes(StandardCharsets.UTF_8));
    }
    http.post(
        "/?decompress=1&query=" + encode("INSERT INTO " + table + " FORMAT TSV"),
        blocks.toByteArray());
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
      out.write("富川\n".getBytes(StandardCharsets.UTF_8));
    }
    http.send(
        http.requestTo("/?query=" + encode("INSERT INTO " + table + " FORMAT TSV"))
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip.toByteArray())));
    assertThat(text(http.get("/?query=" + encode("SELECT s FROM " + table + " ORDER BY s"))))
        .isEqualTo("富川\n贺州\n钟山\n");
  }

  @Test
  void shouldGzipWhenHttpCompressionIsEnabled() throws IOException {
    HttpResponse<byte[]> response =
        http.send(
            http.requestTo("/?enable_http_compression=1&query=" + encode("SELECT 'gzip works'"))
                .header("Accept-Encoding", "gzip")
                .GET());
    assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(
            new String(
                new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(),
                StandardCharsets.UTF_8))
        .isEqualTo("gzip works\n");
  }

  @Test
  void shouldRefuseWrongCredentialsWhenAUserIsConfigured() {
    ChdbEngine engine = LocalClickHouse.engine();
    try (ClickHouseHttpServer guarded =
        ClickHouseHttpServer.start(
            engine, "127.0.0.1", 0, UserDirectory.single("leader", "s3cret"))) {
      PlainHttp secured = new PlainHttp(guarded.url());
      HttpResponse<byte[]> anonymous = secured.get("/?query=SELECT%201");
      assertThat(anonymous.statusCode()).isEqualTo(403);
      assertThat(anonymous.headers().firstValue("X-ClickHouse-Exception-Code")).contains("516");
      assertThat(text(anonymous)).contains("Authentication failed");
      assertThat(
              secured
                  .send(
                      secured
                          .requestTo("/?query=SELECT%201")
                          .header("X-ClickHouse-User", "leader")
                          .header("X-ClickHouse-Key", "wrong")
                          .GET())
                  .statusCode())
          .isEqualTo(403);

      // A password in the URL is refused even when right: URLs land in logs and histories.
      HttpResponse<byte[]> inUrl = secured.get("/?user=leader&password=s3cret&query=SELECT%201");
      assertThat(inUrl.statusCode()).isEqualTo(403);
      assertThat(text(inUrl)).contains("X-ClickHouse-Key header or with Basic authentication");
      String basic =
          Base64.getEncoder().encodeToString("leader:s3cret".getBytes(StandardCharsets.UTF_8));
      assertThat(
              text(
                  secured.send(
                      secured
                          .requestTo("/?query=SELECT%202")
                          .header("Authorization", "Basic " + basic)
                          .GET())))
          .isEqualTo("2\n");
      assertThat(
              text(
                  secured.send(
                      secured
                          .requestTo("/?query=SELECT%203")
                          .header("X-ClickHouse-User", "leader")
                          .header("X-ClickHouse-Key", "s3cret")
                          .GET())))
          .isEqualTo("3\n");
      // Health checks need no credentials, as on the server.
      assertThat(text(secured.get("/ping"))).isEqualTo("Ok.\n");
    }
  }
}
