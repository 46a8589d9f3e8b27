package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.chuanbo.cli.browser.HeadlessChromium;
import org.chuanbo.cli.superset.SupersetApi;
import org.chuanbo.cli.superset.SupersetLayout;
import org.chuanbo.cli.superset.SupersetLogins;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.clickhouse.local.http.ClickHouseHttpServer;
import org.chuanbo.clickhouse.local.http.UserDirectory;
import org.chuanbo.dashboards.superset.ChuanboDashboards;
import org.chuanbo.dashboards.superset.SupersetChart;
import org.chuanbo.dashboards.superset.SupersetDashboard;
import org.chuanbo.dashboards.superset.SupersetDataset;
import org.chuanbo.kafka.local.LoopbackPorts;
import org.chuanbo.schemas.records.Office;
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
    ReportTables.url(); // migrated: database chuanbo with its reference data
    try (Client client = ReportTables.endpoint().newClient()) {
      DashboardRows.insert(client, 20261128L);
    }
    // Superset reads as the stack's does: a reader whose statements the endpoint holds read-only.
    String readerPassword = "reader-" + UUID.randomUUID();
    Path passwordFile = Files.writeString(root.resolve("reader.password"), readerPassword);
    String port = Integer.toString(LoopbackPorts.freePort());
    SupersetLayout layout = SupersetLayout.under(root.resolve(".chuanbo"));
    try (ClickHouseHttpServer readOnly =
        ClickHouseHttpServer.start(
            LocalClickHouse.engine(),
            "127.0.0.1",
            0,
            UserDirectory.withRoles(Map.of("dash_reader", readerPassword)))) {
      String[] readerLogin = {
        "--clickhouse",
        readOnly.url(),
        "--user",
        "dash_reader",
        "--password-file",
        passwordFile.toString()
      };
      CliProcess up = dashboardsUp(port, readerLogin).expectSuccess();
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

      SupersetCharts asLeader =
          new SupersetCharts(SupersetApi.login(url, "leader", logins.getProperty("leader")));
      SupersetCharts asEditor =
          new SupersetCharts(SupersetApi.login(url, "editor_zp", logins.getProperty("editor_zp")));
      List<SupersetCharts.Chart> charts = asLeader.all();
      everyChartAnswersWithRows(asLeader, charts);
      chartQueriesAreTheCommittedOnes(asLeader, asEditor, charts);
      leadersFiguresAreARecountOfTheEvents(asLeader, charts);
      hostileFilterValuesMatchNothing(asLeader, charts);
      editorsSeeTheirOfficeOnly(asLeader, asEditor, charts);

      Path shots = Path.of("target", "dashboard-screenshots");
      try (HeadlessChromium chromium =
          HeadlessChromium.start(root.resolve("chromium"), 1600, 2000)) {
        chromium.setCookie(
            url,
            "session",
            SupersetBrowser.sessionCookie(url, "leader", logins.getProperty("leader")));
        for (SupersetDashboard dashboard : ChuanboDashboards.dashboards()) {
          SupersetBrowser.photograph(chromium, url, dashboard, shots);
        }
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
      CliProcess again = dashboardsUp(port, readerLogin).expectSuccess();
      assertThat(again.output()).contains("ready: " + url).doesNotContain("new login");
      assertThat(officesThroughSuperset(url, password)).isEqualTo(7);
    } finally {
      CliProcess.run(root, "dashboards", "down");
    }
  }

  private CliProcess dashboardsUp(String port, String[] clickHouse)
      throws IOException, InterruptedException {
    List<String> arguments = new ArrayList<>(List.of("dashboards", "up", "--port", port));
    arguments.addAll(List.of(clickHouse));
    return CliProcess.run(root, arguments.toArray(String[]::new));
  }

  private static void everyChartAnswersWithRows(
      SupersetCharts asLeader, List<SupersetCharts.Chart> charts) throws Exception {
    assertThat(charts)
        .extracting(SupersetCharts.Chart::title)
        .containsExactlyInAnyOrderElementsOf(
            ChuanboDashboards.dashboards().stream()
                .flatMap(dashboard -> dashboard.charts().stream())
                .map(SupersetChart::title)
                .toList());
    for (SupersetCharts.Chart chart : charts) {
      assertThat(asLeader.data(chart)).as(chart.title() + ": rows for leader").isNotEmpty();
    }
  }

  /**
   * The SQL Superset generates for every chart as the leader is {@code
   * dashboards/superset/chart-queries/<chart>.sql} to the byte, so the queries the bench times can
   * never go stale ({@code -Dchuanbo.writeChartQueries=true} rewrites the files instead; the
   * bench's integration test runs every file through the endpoint). Row-level security is what the
   * files' headers say: the leader's queries have no office clause, and an editor's query of a
   * chart on each dataset with an office column has one.
   */
  private static void chartQueriesAreTheCommittedOnes(
      SupersetCharts asLeader, SupersetCharts asEditor, List<SupersetCharts.Chart> charts)
      throws Exception {
    Map<String, String> generated = SupersetChartQueries.files(asLeader, charts);
    if (SupersetChartQueries.writing()) {
      SupersetChartQueries.write(generated);
    }
    assertThat(SupersetChartQueries.committed())
        .as(
            "dashboards/superset/chart-queries differs from what Superset generates; regenerate: "
                + SupersetChartQueries.REGENERATE)
        .isEqualTo(generated);

    String rule = "office = 'zp'";
    generated.forEach((file, sql) -> assertThat(sql).as(file + " as leader").doesNotContain(rule));
    Map<String, SupersetCharts.Chart> onePerDataset = new LinkedHashMap<>();
    charts.forEach(chart -> onePerDataset.putIfAbsent(chart.datasetName(), chart));
    for (SupersetDataset dataset : ChuanboDashboards.datasets()) {
      SupersetCharts.Chart chart = onePerDataset.get(dataset.name());
      if (dataset.hasOffice() && chart != null) {
        assertThat(asEditor.query(chart)).as(chart.title() + " as editor_zp").contains(rule);
      }
    }
  }

  /** 今日阅读/播放量, 今日触达人数, 今日分享数 against a count over chuanbo.events. */
  private static void leadersFiguresAreARecountOfTheEvents(
      SupersetCharts asLeader, List<SupersetCharts.Chart> charts) throws Exception {
    GenericRecord recount;
    try (Client client = ReportTables.endpoint().newClient()) {
      recount =
          client
              .queryAll(
                  "SELECT countIf(event_type = 'VIEW'), uniqExactIf(reach_key, event_type = 'VIEW'),"
                      + " countIf(event_type = 'SHARE') FROM chuanbo.events"
                      + " WHERE event_time >= toStartOfDay(now64(3, 'Asia/Shanghai'))"
                      + " AND event_time < now64(3, 'Asia/Shanghai')")
              .get(0);
    }
    assertThat(recount.getLong(1)).as("today's views in the test data").isPositive();
    assertThat(figure(asLeader, charts, "今日阅读/播放量")).isEqualTo(recount.getLong(1));
    assertThat(figure(asLeader, charts, "今日触达人数")).isEqualTo(recount.getLong(2));
    assertThat(figure(asLeader, charts, "今日分享数")).isEqualTo(recount.getLong(3));
  }

  private static long figure(
      SupersetCharts asLeader, List<SupersetCharts.Chart> charts, String title) throws Exception {
    SupersetCharts.Chart chart =
        charts.stream().filter(c -> c.title().equals(title)).findFirst().orElseThrow();
    return asLeader.rows(chart).get(0).values().iterator().next().asLong();
  }

  /** Every chart on a dataset with an office column: editor_zp reaches zp only, leader all six. */
  /**
   * A dashboard filter's value is data, never SQL: a value that would widen the query if spliced
   * into it matches no office, while the plain value still matches its own.
   */
  private static void hostileFilterValuesMatchNothing(
      SupersetCharts asLeader, List<SupersetCharts.Chart> charts) throws Exception {
    SupersetCharts.Chart chart =
        charts.stream()
            .filter(c -> c.datasetName().equals("daily_spread"))
            .findFirst()
            .orElseThrow();
    assertThat(asLeader.officesWhereOfficeIs(chart, "hz")).containsExactly("hz");
    for (String hostile :
        List.of(
            "hz' OR '1'='1",
            "hz') OR 1=1 --",
            "x'; DROP TABLE chuanbo.events; --",
            "\\' OR 1=1 #")) {
      assertThat(asLeader.officesWhereOfficeIs(chart, hostile)).as(hostile).isEmpty();
    }
  }

  private static void editorsSeeTheirOfficeOnly(
      SupersetCharts asLeader, SupersetCharts asEditor, List<SupersetCharts.Chart> charts)
      throws Exception {
    List<String> officeDatasets =
        ChuanboDashboards.datasets().stream()
            .filter(SupersetDataset::hasOffice)
            .map(SupersetDataset::name)
            .toList();
    List<String> six = Arrays.stream(Office.values()).map(Office::code).toList();
    int checked = 0;
    for (SupersetCharts.Chart chart : charts) {
      if (!officeDatasets.contains(chart.datasetName())) {
        continue;
      }
      assertThat(asEditor.officesOf(chart)).as(chart.title() + " for editor_zp").containsOnly("zp");
      assertThat(asLeader.officesOf(chart)).as(chart.title() + " for leader").containsAll(six);
      checked++;
    }
    assertThat(checked).as("charts with an office column").isGreaterThan(20);
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
