package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.clickhouse.local.engine.ChdbConnection;
import org.chuanbo.clickhouse.local.engine.ChdbResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whatever the engine answers in-process, the HTTP interface answers byte for byte. */
class EngineParityITCase {

  private static final String TABLE = LocalClickHouse.uniqueName("parity");

  @BeforeAll
  static void createData() {
    try (ChdbConnection connection = LocalClickHouse.engine().openConnection()) {
      connection.run(
          "CREATE TABLE "
              + TABLE
              + " (id UInt32, title String, at DateTime('Asia/Shanghai'), score Nullable(Float64),"
              + " tags Array(LowCardinality(String))) ENGINE = MergeTree ORDER BY id");
      connection.run(
          "INSERT INTO "
              + TABLE
              + " SELECT number, concat('第', toString(number), '期 我是党员'),"
              + " toDateTime('2026-11-01 00:00:00', 'Asia/Shanghai') + number * 37,"
              + " if(number % 7 = 0, NULL, number / 3), ['WECHAT', 'TV'] FROM numbers(20000)");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT * FROM %s ORDER BY id | TabSeparated",
        "SELECT * FROM %s ORDER BY id | RowBinaryWithNamesAndTypes",
        "SELECT * FROM %s ORDER BY id | JSONEachRow",
        "SELECT * FROM %s ORDER BY id | Native",
        "SELECT toStartOfHour(at) AS hour, count(), avg(score) FROM %s GROUP BY hour ORDER BY hour | CSVWithNames",
        "SELECT title, tags FROM %s WHERE id % 1000 = 1 ORDER BY id | JSONCompactEachRow",
      })
  void shouldReturnOverHttpWhatTheEngineReturnsInProcess(String template, String format) {
    String sql = template.replace("%s", TABLE);
    byte[] inProcess;
    try (ChdbConnection connection = LocalClickHouse.engine().openConnection();
        ChdbResult result = connection.execute(sql, format)) {
      inProcess = result.bytes();
    }
    HttpResponse<byte[]> overHttp =
        new PlainHttp(LocalClickHouse.url()).post("/?default_format=" + format, sql);
    assertThat(overHttp.statusCode()).isEqualTo(200);
    assertThat(overHttp.body()).isNotEmpty().isEqualTo(inProcess);
  }
}
