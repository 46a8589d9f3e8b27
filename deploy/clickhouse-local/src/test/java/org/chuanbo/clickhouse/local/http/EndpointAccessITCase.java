package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.clickhouse.local.http.Login.code;
import static org.chuanbo.clickhouse.local.http.PlainHttp.text;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint's users, as a hostile local process would try them: the reader cannot change data,
 * the writer can only insert into tables, nobody but the admin reaches files, programs or other
 * hosts, a GET never writes, web pages are refused, and guessing passwords is slow.
 */
class EndpointAccessITCase {

  private static final int ACCESS_DENIED = 497;
  private static final int READONLY = 164;

  private static ClickHouseHttpServer server;
  private static Login admin;
  private static Login writer;
  private static Login reader;
  private static Login open;
  private static String table;

  @TempDir static Path files;

  @BeforeAll
  static void start() {
    server =
        ClickHouseHttpServer.start(
            LocalClickHouse.engine(),
            "127.0.0.1",
            0,
            UserDirectory.withRoles(
                Map.of("t_admin", "a-pass", "t_writer", "w-pass", "t_reader", "r-pass")));
    PlainHttp http = new PlainHttp(server.url());
    admin = new Login(http, "t_admin", "a-pass");
    writer = new Login(http, "t_writer", "w-pass");
    reader = new Login(http, "t_reader", "r-pass");
    open = new Login(new PlainHttp(LocalClickHouse.url()), "default", "");
    table = LocalClickHouse.uniqueName("access");
    ok(admin.post("CREATE TABLE " + table + " (n UInt32) ENGINE = MergeTree ORDER BY n"));
    ok(admin.post("INSERT INTO " + table + " VALUES (1), (2)"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theReaderReadsAndChangesNothing() {
    assertThat(text(ok(reader.post("SELECT count() FROM " + table)))).isEqualTo("2\n");
    for (String write :
        List.of(
            "INSERT INTO " + table + " VALUES (3)",
            "DROP TABLE " + table,
            "TRUNCATE TABLE " + table,
            "ALTER TABLE " + table + " DELETE WHERE 1",
            "CREATE TABLE " + table + "_copy (n UInt8) ENGINE = Memory",
            "SYSTEM FLUSH LOGS")) {
      assertThat(code(reader.post(write))).as(write).isEqualTo(ACCESS_DENIED);
    }
    // In a session too: the session's connection is read-only from its start.
    String session = "/?session_id=reader-" + table;
    assertThat(code(reader.post(session, "INSERT INTO " + table + " VALUES (3)")))
        .isEqualTo(ACCESS_DENIED);
    assertThat(code(reader.post(session + "&readonly=0", "SELECT 1"))).isEqualTo(ACCESS_DENIED);
    assertThat(text(ok(admin.post("SELECT count() FROM " + table)))).isEqualTo("2\n");
  }

  @Test
  void theWriterOnlyInsertsIntoTables() {
    String scratch = LocalClickHouse.uniqueName("writer");
    ok(admin.post("CREATE TABLE " + scratch + " (n UInt32) ENGINE = MergeTree ORDER BY n"));
    ok(
        writer.post(
            "/?query=" + PlainHttp.encode("INSERT INTO " + scratch + " FORMAT TSV"), "7\n8\n"));
    ok(writer.post("INSERT INTO " + scratch + " VALUES (9)"));
    assertThat(text(ok(writer.post("SELECT sum(n) FROM " + scratch)))).isEqualTo("24\n");
    for (String write :
        List.of(
            "DROP TABLE " + scratch,
            "TRUNCATE TABLE " + scratch,
            "ALTER TABLE " + scratch + " DELETE WHERE 1",
            "OPTIMIZE TABLE " + scratch,
            "CREATE TABLE " + scratch + "_x (n UInt8) ENGINE = Memory",
            "KILL QUERY WHERE 1")) {
      assertThat(code(writer.post(write))).as(write).isEqualTo(ACCESS_DENIED);
    }
    assertThat(text(ok(admin.post("SELECT count() FROM " + scratch)))).isEqualTo("3\n");
  }

  @Test
  void nobodyButTheAdminReachesFilesProgramsOrOtherHosts() throws IOException {
    Path secret = Files.writeString(files.resolve("secret.txt"), "top secret\n");
    Path written = files.resolve("written.csv");
    List<String> hostile =
        List.of(
            "SELECT * FROM file('" + secret + "', 'LineAsString')",
            "SELECT file('" + secret + "')",
            "SELECT * FROM `file`('" + secret + "', 'LineAsString')",
            "SELECT * FROM (SELECT * FROM file('" + secret + "', 'LineAsString'))",
            "WITH s AS (SELECT * FROM file('" + secret + "', 'LineAsString')) SELECT * FROM s",
            "SELECT 1 WHERE 1 IN (SELECT length(line) FROM file('" + secret + "', 'LineAsString'))",
            "SELECT * FROM url('http://127.0.0.1:" + server.port() + "/ping', 'LineAsString')",
            "SELECT * FROM remote('127.0.0.1', system.one)",
            "SELECT * FROM executable('cat', 'LineAsString', 'x String')",
            "SELECT * FROM s3('http://127.0.0.1:1/bucket/x.csv')",
            "INSERT INTO FUNCTION file('" + written + "', 'CSV') SELECT 1",
            "SELECT 1 INTO OUTFILE '" + written + "'",
            "INSERT INTO " + table + " FROM INFILE '" + secret + "' FORMAT TSV");
    for (Login user : List.of(reader, writer, open)) {
      for (String sql : hostile) {
        HttpResponse<byte[]> answer = user.post(sql);
        assertThat(code(answer)).as(user.user() + ": " + sql).isEqualTo(ACCESS_DENIED);
        assertThat(text(answer)).doesNotContain("top secret");
      }
    }
    assertThat(written).doesNotExist();
    assertThat(code(open.post("CREATE DATABASE host_files ENGINE = Filesystem('/')")))
        .isEqualTo(ACCESS_DENIED);
    // The admin may: migrations and maintenance are theirs.
    assertThat(text(ok(admin.post(hostile.get(0))))).isEqualTo("top secret\n");
  }

  @Test
  void aGetNeverWritesWhateverItsSession() {
    String scratch = LocalClickHouse.uniqueName("get");
    ok(admin.post("CREATE TABLE " + scratch + " (n UInt32) ENGINE = MergeTree ORDER BY n"));
    String insert = "INSERT INTO " + scratch + " VALUES (1)";
    for (Login user : List.of(writer, admin, open)) {
      assertThat(code(user.get(insert))).as(user.user()).isEqualTo(READONLY);
      HttpResponse<byte[]> inSession =
          user.getPath("/?session_id=get-" + scratch + "&query=" + PlainHttp.encode(insert));
      assertThat(code(inSession)).as(user.user() + " in a session").isEqualTo(READONLY);
    }
    assertThat(text(ok(admin.post("SELECT count() FROM " + scratch)))).isEqualTo("0\n");
  }

  @Test
  void webPagesAreRefused() {
    String scratch = LocalClickHouse.uniqueName("page");
    ok(open.post("CREATE TABLE " + scratch + " (n UInt32) ENGINE = Memory"));
    // What a hostile page can send without a CORS preflight: a text/plain POST.
    for (Map.Entry<String, String> header :
        List.of(
            Map.entry("Origin", "http://evil.example"),
            Map.entry("Sec-Fetch-Site", "cross-site"))) {
      HttpResponse<byte[]> answer =
          open.http()
              .send(
                  open.signed("/")
                      .header("Content-Type", "text/plain")
                      .header(header.getKey(), header.getValue())
                      .POST(HttpRequest.BodyPublishers.ofString("DROP TABLE " + scratch)));
      assertThat(answer.statusCode()).as(header.getKey()).isEqualTo(403);
    }
    assertThat(text(ok(open.post("EXISTS TABLE " + scratch)))).isEqualTo("1\n");
  }

  @Test
  void oneStatementPerRequest() {
    String scratch = LocalClickHouse.uniqueName("multi");
    ok(open.post("CREATE TABLE " + scratch + " (n UInt32) ENGINE = Memory"));
    HttpResponse<byte[]> answer = reader.post("SELECT 1; DROP TABLE " + scratch);
    assertThat(code(answer)).isEqualTo(62);
    assertThat(code(open.post("SELECT 1; DROP TABLE " + scratch))).isEqualTo(62);
    assertThat(text(ok(open.post("SELECT 1;")))).isEqualTo("1\n");
    assertThat(text(ok(open.post("EXISTS TABLE " + scratch)))).isEqualTo("1\n");
  }

  @Test
  void limitsMayBeLoweredButNotRaised() {
    assertThat(code(reader.post("/?max_execution_time=100000", "SELECT 1")))
        .isEqualTo(ACCESS_DENIED);
    assertThat(code(reader.post("/?max_memory_usage=0", "SELECT 1"))).isEqualTo(ACCESS_DENIED);
    assertThat(code(writer.post("/?result_overflow_mode=break", "SELECT 1")))
        .isEqualTo(ACCESS_DENIED);
    assertThat(code(open.post("SELECT 1 SETTINGS max_execution_time = 0")))
        .isEqualTo(ACCESS_DENIED);
    assertThat(code(reader.post("SET max_memory_usage = 100000000000"))).isEqualTo(ACCESS_DENIED);
    assertThat(text(ok(reader.post("/?max_execution_time=5", "SELECT 1")))).isEqualTo("1\n");
    // A column called like a setting is not a setting.
    assertThat(
            text(ok(reader.post("SELECT readonly FROM system.settings WHERE name = 'readonly'"))))
        .isEqualTo("1\n");
    assertThat(text(ok(admin.post("/?max_execution_time=0", "SELECT 2")))).isEqualTo("2\n");
  }

  @Test
  void guessingPasswordsIsSlow() {
    Login guesser = new Login(reader.http(), "t_admin", "guess");
    long started = System.nanoTime();
    List<CompletableFuture<HttpResponse<byte[]>>> guesses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      guesses.add(CompletableFuture.supplyAsync(() -> guesser.post("SELECT 1")));
    }
    // A right password meanwhile is answered without waiting for the guesses.
    assertThat(text(ok(reader.post("SELECT 1")))).isEqualTo("1\n");
    long rightAnsweredAfterMillis = (System.nanoTime() - started) / 1_000_000;
    guesses.forEach(guess -> assertThat(code(guess.join())).isEqualTo(516));
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
    // Four guesses in parallel wait one after the other: at least 4 × 500 ms.
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(2_000);
    assertThat(rightAnsweredAfterMillis).isLessThan(elapsedMillis);
  }

  private static HttpResponse<byte[]> ok(HttpResponse<byte[]> response) {
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    return response;
  }
}
