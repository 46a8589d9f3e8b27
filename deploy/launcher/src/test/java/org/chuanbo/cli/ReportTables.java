package org.chuanbo.cli;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.clickhouse.Migrations;

/**
 * The migrated tables of the shared test ClickHouse, and rows of a test's own: every test inserts
 * under fresh random ids (or office codes, or periods nobody else uses), so tests sharing the
 * engine never see each other's rows.
 */
final class ReportTables {

  private static ClickHouseEndpoint endpoint;

  private ReportTables() {}

  /** The shared endpoint, migrated (which also copies the released DI versions to di_config). */
  static synchronized ClickHouseEndpoint endpoint() {
    if (endpoint == null) {
      endpoint = ClickHouseEndpoint.local(LocalClickHouse.server().port());
      Migrations.bundled().apply(endpoint);
    }
    return endpoint;
  }

  static String url() {
    return endpoint().url();
  }

  static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  /** A row to insert: column, value, column, value, … in that order. */
  static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }

  /** Inserts rows (column → value: String, Number, List or null) as JSONEachRow, in one block. */
  static void insert(Client client, String table, List<Map<String, Object>> rows) {
    StringBuilder body = new StringBuilder();
    for (Map<String, Object> row : rows) {
      body.append(JsonText.object(row)).append('\n');
    }
    try {
      client
          .insert(
              table,
              new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)),
              ClickHouseFormat.JSONEachRow)
          .get(60, TimeUnit.SECONDS)
          .close();
    } catch (Exception e) {
      throw new IllegalStateException("insert into " + table + " failed: " + e.getMessage(), e);
    }
  }
}
