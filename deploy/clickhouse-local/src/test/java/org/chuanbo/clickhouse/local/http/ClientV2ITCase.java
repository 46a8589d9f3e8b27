package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official Java client (client-v2 0.10.0), default settings: compressed responses included. */
class ClientV2ITCase {

  private static Client client;

  @BeforeAll
  static void connect() {
    client =
        new Client.Builder()
            .addEndpoint(LocalClickHouse.url())
            .setUsername("default")
            .setPassword("")
            .build();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void shouldInsertRowBinaryIncludingBytesThatLookLikeBlankLines() throws Exception {
    String table = LocalClickHouse.uniqueName("v2_rowbinary");
    client
        .execute(
            "CREATE TABLE " + table + " (id UInt64, views UInt32) ENGINE = MergeTree ORDER BY id")
        .get(30, TimeUnit.SECONDS);
    int rows = 50_000;
    ByteBuffer body = ByteBuffer.allocate(rows * 12).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < rows; i++) {
      // ids 2570 (0x0A0A) and friends put "\n\n" into the body: it must not end the data.
      body.putLong(i).putInt(i % 1000);
    }
    InsertResponse response =
        client
            .insert(table, new ByteArrayInputStream(body.array()), ClickHouseFormat.RowBinary)
            .get(30, TimeUnit.SECONDS);
    assertThat(response.getWrittenRows()).isEqualTo(rows);
    assertThat(count(table)).isEqualTo(rows);
    assertThat(scalar("SELECT sum(views) FROM " + table)).isEqualTo(sumOfViews(rows));
  }

  @Test
  void shouldInsertJsonEachRow() throws Exception {
    String table = LocalClickHouse.uniqueName("v2_json");
    client
        .execute(
            "CREATE TABLE " + table + " (id UInt32, title String) ENGINE = MergeTree ORDER BY id")
        .get(30, TimeUnit.SECONDS);
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      json.append("{\"id\":").append(i).append(",\"title\":\"第一书记 第").append(i).append("集\"}\n");
    }
    client
        .insert(
            table,
            new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)),
            ClickHouseFormat.JSONEachRow)
        .get(30, TimeUnit.SECONDS);
    assertThat(count(table)).isEqualTo(1000);
    try (QueryResponse response =
        client.query("SELECT title FROM " + table + " WHERE id = 777").get(30, TimeUnit.SECONDS)) {
      ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
      assertThat(reader.hasNext()).isTrue();
      reader.next();
      assertThat(reader.getString("title")).isEqualTo("第一书记 第777集");
    }
  }

  @Test
  void shouldStreamALargeResultRowByRow() throws Exception {
    long rows = 2_000_000;
    long seen = 0;
    long sum = 0;
    try (QueryResponse response =
        client
            .query("SELECT number, toString(number) AS text FROM numbers(" + rows + ")")
            .get(60, TimeUnit.SECONDS)) {
      ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
      while (reader.hasNext()) {
        reader.next();
        long number = reader.getLong("number");
        assertThat(reader.getString("text")).isEqualTo(Long.toString(number));
        assertThat(number).isEqualTo(seen);
        sum += number;
        seen++;
      }
    }
    assertThat(seen).isEqualTo(rows);
    assertThat(sum).isEqualTo(rows * (rows - 1) / 2);
  }

  private static long count(String table) throws Exception {
    return scalar("SELECT count() FROM " + table);
  }

  private static long scalar(String sql) throws Exception {
    return Long.parseLong(client.queryAll(sql).get(0).getString(1));
  }

  private static long sumOfViews(int rows) {
    long sum = 0;
    for (int i = 0; i < rows; i++) {
      sum += i % 1000;
    }
    return sum;
  }
}
