package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.clickhouse.local.http.PlainHttp.encode;
import static org.chuanbo.clickhouse.local.http.PlainHttp.text;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTP compression over the wire, as clickhouse-connect and curl use it: request bodies in every
 * coding, answers in the coding the client prefers when it enables HTTP compression, and {@code
 * enable_http_compression} reported as the endpoint applies it.
 */
class HttpCompressionITCase {

  private final PlainHttp http = new PlainHttp(LocalClickHouse.url());

  @ParameterizedTest
  @EnumSource(HttpContentCoding.class)
  void shouldInsertABodyInEveryContentEncoding(HttpContentCoding coding) throws IOException {
    String table = LocalClickHouse.uniqueName("coded_in_" + coding.token());
    http.post("/", "CREATE TABLE " + table + " (id UInt32, s String) ENGINE = Memory");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      rows.append(i).append('\t').append("贺州 第").append(i % 97).append("期\n");
    }
    byte[] plain = rows.toString().getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> insert =
        http.send(
            http.requestTo("/?query=" + encode("INSERT INTO " + table + " FORMAT TSV"))
                .header("Content-Encoding", coding.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(encoded(coding, plain))));
    assertThat(insert.statusCode()).as(text(insert)).isEqualTo(200);
    assertThat(http.get("/?query=" + encode("SELECT * FROM " + table + " ORDER BY id")).body())
        .isEqualTo(plain);
  }

  @ParameterizedTest
  @EnumSource(HttpContentCoding.class)
  void shouldCompressTheAnswerInTheCodingAsked(HttpContentCoding coding) throws IOException {
    String query = encode("SELECT number, toString(number) FROM numbers(200000)");
    byte[] plain = http.get("/?query=" + query).body();
    HttpResponse<byte[]> response =
        http.send(
            http.requestTo("/?enable_http_compression=1&query=" + query)
                .header("Accept-Encoding", coding.token())
                .GET());
    assertThat(response.headers().firstValue("Content-Encoding")).contains(coding.token());
    assertThat(response.body().length).isLessThan(plain.length);
    assertThat(decoded(coding, response.body())).isEqualTo(plain);
  }

  @Test
  void shouldAnswerInTheClientsFirstChoice() {
    HttpResponse<byte[]> response =
        http.send(
            http.requestTo("/?enable_http_compression=1&query=SELECT%201")
                .header("Accept-Encoding", "lz4,zstd,br,gzip,deflate")
                .GET());
    assertThat(response.headers().firstValue("Content-Encoding")).contains("lz4");
  }

  @Test
  void shouldNotCompressUnlessTheRequestEnablesIt() {
    HttpResponse<byte[]> response =
        http.send(http.requestTo("/?query=SELECT%201").header("Accept-Encoding", "lz4,gzip").GET());
    assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(text(response)).isEqualTo("1\n");
  }

  @Test
  void shouldReportHttpCompressionDisabledAsTheServerDefault() {
    String setting =
        encode("SELECT value FROM system.settings WHERE name = 'enable_http_compression'");
    assertThat(text(http.get("/?query=" + setting))).isEqualTo("0\n");
    assertThat(text(http.post("/?query=" + setting, ""))).isEqualTo("0\n");
    assertThat(text(http.get("/?enable_http_compression=1&query=" + setting))).isEqualTo("1\n");
    // A session starts with the default, keeps what it SETs, and a URL setting is one query's.
    String session = "/?session_id=" + LocalClickHouse.uniqueName("compression");
    assertThat(text(http.get(session + "&query=" + setting))).isEqualTo("0\n");
    assertThat(text(http.get(session + "&enable_http_compression=1&query=" + setting)))
        .isEqualTo("1\n");
    assertThat(text(http.get(session + "&query=" + setting))).isEqualTo("0\n");
    http.post(session + "&query=" + encode("SET enable_http_compression = 1"), "");
    assertThat(text(http.get(session + "&query=" + setting))).isEqualTo("1\n");
  }

  @Test
  void shouldRefuseAnUnknownOrBrokenBody() {
    HttpResponse<byte[]> unknown =
        http.send(
            http.requestTo("/?query=" + encode("SELECT 1"))
                .header("Content-Encoding", "compress")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));
    assertThat(unknown.headers().firstValue("X-ClickHouse-Exception-Code")).contains("89");
    String table = LocalClickHouse.uniqueName("broken_lz4");
    http.post("/", "CREATE TABLE " + table + " (s String) ENGINE = Memory");
    HttpResponse<byte[]> broken =
        http.send(
            http.requestTo("/?query=" + encode("INSERT INTO " + table + " FORMAT TSV"))
                .header("Content-Encoding", "lz4")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        "not lz4 at all\n".getBytes(StandardCharsets.UTF_8))));
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(broken.headers().firstValue("X-ClickHouse-Exception-Code")).contains("618");
    assertThat(text(broken)).contains("LZ4_DECODER_FAILED");
    assertThat(text(http.get("/?query=" + encode("SELECT count() FROM " + table))))
        .isEqualTo("0\n");
  }

  private static byte[] encoded(HttpContentCoding coding, byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = coding.encoder(bytes, HttpContentCoding.DEFAULT_LEVEL)) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }

  private static byte[] decoded(HttpContentCoding coding, byte[] body) throws IOException {
    try (InputStream in = new ContentDecodingInputStream(new ByteArrayInputStream(body), coding)) {
      return in.readAllBytes();
    }
  }
}
