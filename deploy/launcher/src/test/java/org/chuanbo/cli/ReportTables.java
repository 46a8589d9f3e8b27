package org.chuanbo.cli;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

  /** The shared endpoint, migrated, with DI config version 1 as the project ships it. */
  static synchronized ClickHouseEndpoint endpoint() {
    if (endpoint == null) {
      endpoint = ClickHouseEndpoint.local(LocalClickHouse.server().port());
      Migrations.bundled().apply(endpoint);
      try (Client client = endpoint.newClient()) {
        long present =
            client
                .queryAll("SELECT count() FROM chuanbo.di_config WHERE version = 1")
                .get(0)
                .getLong(1);
        if (present == 0) {
          insert(client, "chuanbo.di_config", diConfigRows(shippedDiConfig(1)));
        }
      }
    }
    return endpoint;
  }

  static String url() {
    return endpoint().url();
  }

  static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
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

  /** schemas/dissemination-index/v{version}.properties, the file the project ships. */
  static Properties shippedDiConfig(int version) {
    Path file =
        Path.of(System.getProperty("chuanbo.root", "../.."))
            .resolve("schemas/dissemination-index/v" + version + ".properties");
    try {
      Properties properties = new Properties();
      properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The di_config rows of one properties file, as the migration runner is to copy them. */
  static List<Map<String, Object>> diConfigRows(Properties config) {
    List<Map<String, Object>> rows = new ArrayList<>();
    String[] components = config.getProperty("components").split(",");
    for (int i = 0; i < components.length; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("version", Integer.parseInt(config.getProperty("version")));
      row.put("component", components[i]);
      row.put("position", i + 1);
      row.put("weight", Double.parseDouble(config.getProperty(components[i] + ".weight")));
      row.put("cap", Double.parseDouble(config.getProperty(components[i] + ".cap")));
      rows.add(row);
    }
    return rows;
  }
}
