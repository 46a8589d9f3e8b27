package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.chuanbo.cli.superset.SupersetApi;
import org.chuanbo.cli.superset.SupersetLayout;
import org.chuanbo.cli.superset.SupersetLogins;
import org.chuanbo.kafka.local.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./chuanbo dashboards up} as a user runs it: a real Apache Superset, installed from PyPI
 * into the cache, started in the background, its ClickHouse database imported from the bundle and
 * answering SQL through clickhouse-connect and the local endpoint; a second {@code up} finds it
 * running; {@code down} stops it, and the next {@code up} keeps the logins and imports again.
 */
class DashboardsCommandITCase {

  @TempDir Path root;

  @Test
  void shouldStartSupersetReadingTheLocalClickHouse() throws Exception {
    String clickHouse = ReportTables.url(); // migrated: database chuanbo with its reference data
    String port = Integer.toString(LoopbackPorts.freePort());
    SupersetLayout layout = SupersetLayout.under(root.resolve(".chuanbo"));
    try {
      CliProcess up =
          CliProcess.run(root, "dashboards", "up", "--port", port, "--clickhouse", clickHouse)
              .expectSuccess();
      String url = "http://127.0.0.1:" + port;
      assertThat(up.output()).contains("ready: " + url).contains("new login: admin / ");
      assertThat(Files.getPosixFilePermissions(layout.credentials()))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      String password = SupersetLogins.read(layout).getProperty("admin");
      assertThat(up.output()).contains(password);

      assertThat(officesThroughSuperset(url, password)).isEqualTo(7);
      Properties logins = SupersetLogins.read(layout);
      for (String reader :
          List.of(
              "leader",
              "editor_hz",
              "editor_bb",
              "editor_pg",
              "editor_zs",
              "editor_zp",
              "editor_fc")) {
        assertThat(up.output())
            .contains("new login: " + reader + " / " + logins.getProperty(reader));
        SupersetApi asReader = SupersetApi.login(url, reader, logins.getProperty(reader));
        assertThat(asReader.get("/api/v1/database/").get("result"))
            .as(reader + " may read the ClickHouse database")
            .extracting(database -> database.get("database_name").asText())
            .containsExactly("chuanbo");
      }

      assertThat(CliProcess.run(root, "dashboards", "up", "--port", port).expectSuccess().output())
          .contains("already running: " + url);
      assertThat(CliProcess.run(root, "dashboards", "status").expectSuccess().output())
          .contains(url);
      assertThat(CliProcess.run(root, "dashboards", "down").expectSuccess().output())
          .contains("Superset stopped");
      assertThat(CliProcess.run(root, "dashboards", "status").expectSuccess().output())
          .contains("not running");

      // Again: same logins, the bundle imported a second time (overwriting), still answering.
      CliProcess again =
          CliProcess.run(root, "dashboards", "up", "--port", port, "--clickhouse", clickHouse)
              .expectSuccess();
      assertThat(again.output()).contains("ready: " + url).doesNotContain("new login");
      assertThat(officesThroughSuperset(url, password)).isEqualTo(7);
    } finally {
      CliProcess.run(root, "dashboards", "down");
    }
  }

  /** chuanbo.offices counted through SQL Lab: Superset → clickhouse-connect → the endpoint. */
  private static long officesThroughSuperset(String url, String password) throws Exception {
    SupersetApi api = SupersetApi.login(url, "admin", password);
    JsonNode databases = api.get("/api/v1/database/").get("result");
    assertThat(databases).hasSize(1);
    assertThat(databases.get(0).get("database_name").asText()).isEqualTo("chuanbo");
    JsonNode result =
        api.postJson(
            "/api/v1/sqllab/execute/",
            Map.of(
                "database_id",
                databases.get(0).get("id").asInt(),
                "sql",
                "SELECT count() AS offices FROM chuanbo.offices FINAL",
                "runAsync",
                false));
    return result.get("data").get(0).get("offices").asLong();
  }
}
