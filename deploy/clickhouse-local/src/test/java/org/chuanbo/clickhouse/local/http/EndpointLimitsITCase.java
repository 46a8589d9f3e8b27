package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.clickhouse.local.http.Login.code;
import static org.chuanbo.clickhouse.local.http.PlainHttp.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.awaitility.Awaitility;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The endpoint cannot be knocked over: bodies, compressed blocks, query time and answers have
 * limits, a client that hangs up has its statement cancelled, and a crowd of abandoned heavy reads
 * leaves {@code /ping} and inserts answering. Limits are set small here so the tests stay quick.
 */
class EndpointLimitsITCase {

  private static final int ONE_MIB = 1 << 20;

  /** A statement that runs for minutes unless stopped; its text is how the test finds it. */
  private static final String HEAVY =
      "SELECT count() FROM numbers(1000000000000) WHERE sipHash64(number) = 42 /* heavy-read */";

  private static ClickHouseHttpServer server;
  private static Login admin;
  private static Login writer;
  private static Login reader;

  @BeforeAll
  static void start() {
    EndpointLimits limits =
        new EndpointLimits(
            Duration.ofSeconds(60),
            1L << 30,
            ONE_MIB,
            ONE_MIB,
            ONE_MIB,
            4,
            2,
            Duration.ofSeconds(2));
    server =
        ClickHouseHttpServer.start(
            LocalClickHouse.engine(),
            "127.0.0.1",
            0,
            UserDirectory.withRoles(
                Map.of("l_admin", "a-pass", "l_writer", "w-pass", "l_reader", "r-pass")),
            limits);
    PlainHttp http = new PlainHttp(server.url());
    admin = new Login(http, "l_admin", "a-pass");
    writer = new Login(http, "l_writer", "w-pass");
    reader = new Login(http, "l_reader", "r-pass");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeItFillsMemory() throws IOException {
    String table = LocalClickHouse.uniqueName("body");
    admin.post("CREATE TABLE " + table + " (line String) ENGINE = Memory");
    String insert = "/?query=" + PlainHttp.encode("INSERT INTO " + table + " FORMAT LineAsString");
    byte[] twoMib = "x".repeat(2 * ONE_MIB).getBytes(StandardCharsets.US_ASCII);

    HttpResponse<byte[]> plain =
        writer
            .http()
            .send(writer.signed(insert).POST(HttpRequest.BodyPublishers.ofByteArray(twoMib)));
    assertThat(plain.statusCode()).isEqualTo(413);
    assertThat(code(plain)).isEqualTo(290);
    assertThat(text(plain)).contains("--max-body-bytes");

    // Small on the wire, 2 MiB once inflated: counted after decoding.
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(twoMib);
    }
    HttpResponse<byte[]> bomb =
        writer
            .http()
            .send(
                writer
                    .signed(insert)
                    .header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray())));
    assertThat(code(bomb)).isEqualTo(290);
    assertThat(text(admin.post("SELECT count() FROM " + table))).isEqualTo("0\n");
  }

  @Test
  void aCompressedBlockClaimingTooMuchIsRefusedBeforeAllocating() {
    // 16 checksum bytes, then method LZ4, compressed size 1 GiB, uncompressed size 1 GiB.
    byte[] header = new byte[25];
    header[16] = (byte) 0x82;
    putIntLE(header, 17, 1 << 30);
    putIntLE(header, 21, 1 << 30);
    HttpResponse<byte[]> answer =
        writer
            .http()
            .send(
                writer
                    .signed("/?decompress=1&query=" + PlainHttp.encode("SELECT 1"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(header)));
    assertThat(code(answer)).isEqualTo(246);
    assertThat(text(answer)).contains("limit is " + ONE_MIB);
  }

  @Test
  void anAnswerOverTheLimitIsRefusedNotBuffered() {
    HttpResponse<byte[]> answer = reader.post("SELECT * FROM numbers(10000000)");
    assertThat(code(answer)).isEqualTo(396);
    assertThat(answer.body().length).isLessThan(ONE_MIB);
    // The admin's maintenance is not held to it.
    assertThat(code(admin.post("SELECT * FROM numbers(1000000)"))).isZero();
  }

  @Test
  void abandonedHeavyReadsAreCancelledAndLeavePingAndInsertsAnswering() throws Exception {
    String table = LocalClickHouse.uniqueName("inserts");
    admin.post("CREATE TABLE " + table + " (n UInt32) ENGINE = MergeTree ORDER BY n");
    List<Socket> abandoned = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      abandoned.add(sendAndKeepOpen(reader, HEAVY));
    }
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runningHeavyReads() >= 4);

    // Every read place is taken by the crowd: /ping and the writer's inserts still answer.
    for (int i = 0; i < 5; i++) {
      assertThat(text(writer.getPath("/ping"))).isEqualTo("Ok.\n");
      assertThat(code(writer.post("INSERT INTO " + table + " VALUES (" + i + ")"))).isZero();
    }

    // The clients hang up; their statements are cancelled, not left to run for minutes.
    for (Socket socket : abandoned) {
      socket.close();
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> runningHeavyReads() == 0);
    assertThat(text(admin.post("SELECT count() FROM " + table))).isEqualTo("5\n");
    assertThat(text(reader.post("SELECT 1"))).isEqualTo("1\n");
  }

  /** A request whose client stays connected without reading, until the socket is closed. */
  private static Socket sendAndKeepOpen(Login user, String sql) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    byte[] body = sql.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-ClickHouse-User: "
            + user.user()
            + "\r\nX-ClickHouse-Key: "
            + user.password()
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return socket;
  }

  private static int runningHeavyReads() {
    String count =
        text(
            admin.post(
                "SELECT count() FROM system.processes WHERE query LIKE '%heavy-read%'"
                    + " AND query NOT LIKE '%system.processes%'"));
    return Integer.parseInt(count.strip());
  }

  private static void putIntLE(byte[] bytes, int at, int value) {
    for (int i = 0; i < 4; i++) {
      bytes[at + i] = (byte) (value >>> (8 * i));
    }
  }
}
