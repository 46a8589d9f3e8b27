package org.chuanbo.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.jobs.clickhouse.Migrations.Migration;
import org.chuanbo.jobs.spread.DisseminationIndex;
import org.junit.jupiter.api.Test;

/**
 * The printed scripts against the real ClickHouse engine: the cluster form cannot run here (no
 * cluster, no Keeper), but every statement of it must get through ClickHouse's own parser; the
 * plain form runs, twice, and the second run changes nothing.
 */
class MigrationScriptITCase {

  private final ClickHouseEndpoint endpoint =
      ClickHouseEndpoint.local(LocalClickHouse.server().port());
  private final List<Migration> bundled = Migrations.bundled().all();

  @Test
  void shouldWriteClusterStatementsThatClickHouseParses() throws Exception {
    List<String> statements = SqlScript.statements(MigrationScript.onCluster(bundled, "chuanbo"));

    try (Client client = endpoint.newClient()) {
      for (String statement : statements) {
        String formatted =
            client
                .queryAll(
                    "SELECT formatQuery(base64Decode({statement:String})) AS f",
                    Map.of("statement", base64(statement)))
                .get(0)
                .getString("f");
        if (statement.startsWith("CREATE")) {
          assertThat(formatted).as(statement).contains("ON CLUSTER chuanbo");
        }
        if (statement.contains("ENGINE = Replicated")) {
          assertThat(formatted)
              .as(statement)
              .containsPattern("ENGINE = Replicated\\w*MergeTree\\('/clickhouse/tables/");
        }
      }
    }
    assertThat(statements).hasSizeGreaterThan(bundled.size());
  }

  @Test
  void shouldSetOnlyTableSettingsClickHouseKnows() throws Exception {
    Set<String> settings = new TreeSet<>();
    Matcher clause =
        Pattern.compile("\\nSETTINGS (.+)").matcher(MigrationScript.onCluster(bundled, "chuanbo"));
    while (clause.find()) {
      for (String setting : clause.group(1).replace(";", "").split(",")) {
        settings.add(setting.substring(0, setting.indexOf('=')).strip());
      }
    }

    Set<String> known = new TreeSet<>();
    try (Client client = endpoint.newClient()) {
      client
          .queryAll("SELECT name FROM system.merge_tree_settings")
          .forEach(row -> known.add(row.getString("name")));
    }
    assertThat(settings)
        .contains("replicated_deduplication_window", "replicated_deduplication_window_seconds");
    assertThat(known).containsAll(settings);
  }

  @Test
  void shouldApplyThePlainScriptAndChangeNothingTheSecondTime() throws Exception {
    List<String> statements = SqlScript.statements(MigrationScript.plain(bundled));

    try (Client client = endpoint.newClient()) {
      for (String statement : statements) {
        client.execute(statement, Migrations.statementSettings()).get(60, TimeUnit.SECONDS).close();
      }
      // Views over 101 months, as years of history leave them: 0009's backfill copies them all in
      // one insert, which ClickHouse refuses by default (more than 100 partitions).
      client
          .execute(
              "INSERT INTO chuanbo.events (event_id, event_type, event_time, article_id, office,"
                  + " channel, user_id, reach_key, terminal) SELECT concat('months-',"
                  + " toString(number)), 'VIEW', addMonths(toDateTime64('2017-01-15 12:00:00', 3,"
                  + " 'Asia/Shanghai'), toInt32(number)), 'migration-script-months', 'test', 'WEB',"
                  + " '', concat('k', toString(number)), 'PC' FROM numbers(101)",
              Migrations.statementSettings())
          .get(60, TimeUnit.SECONDS)
          .close();
      long config = count(client, "SELECT count() FROM chuanbo.di_config");
      for (String statement : statements) {
        client.execute(statement, Migrations.statementSettings()).get(60, TimeUnit.SECONDS).close();
      }

      assertThat(count(client, "SELECT count() FROM chuanbo.di_config"))
          .isEqualTo(config)
          .isEqualTo(
              (long) DisseminationIndex.released().size()
                  * DisseminationIndex.Component.values().length);
      assertThat(count(client, "SELECT count() FROM chuanbo.offices FINAL")).isEqualTo(7);
      assertThat(
              count(
                  client,
                  "SELECT uniqExactMerge(viewers) FROM chuanbo.reach_daily"
                      + " WHERE article_id = 'migration-script-months'"))
          .isEqualTo(101);
      assertThat(
              count(
                  client,
                  "SELECT uniqExact(viewer) FROM chuanbo.reach_viewers"
                      + " WHERE article_id = 'migration-script-months'"))
          .isEqualTo(101);
      // Counts, unlike sets, would double if 0012's, 0013's or 0014's copies ran again: the views
      // counted
      // the views
      // inserted between the runs, and the second run's copies found their tables not empty.
      for (String table : List.of("article_day", "article_hour", "ingest_minute")) {
        assertThat(
                count(
                    client,
                    "SELECT sum(events) FROM chuanbo."
                        + table
                        + " WHERE article_id = 'migration-script-months'"))
            .as(table)
            .isEqualTo(101);
      }
      assertThat(
              count(
                  client,
                  "SELECT count() FROM chuanbo.events_by_time"
                      + " WHERE article_id = 'migration-script-months'"))
          .as("events_by_time")
          .isEqualTo(101);
    } finally {
      try (Client client = endpoint.newClient()) {
        for (String table :
            List.of(
                "events",
                "reach_daily",
                "reach_viewers",
                "article_day",
                "article_hour",
                "ingest_minute",
                "events_by_time")) {
          client.execute("TRUNCATE TABLE chuanbo." + table).get(60, TimeUnit.SECONDS).close();
        }
      }
    }
  }

  /** Query parameters travel as escaped text, which ends at a raw newline: send the bytes. */
  private static String base64(String statement) {
    return Base64.getEncoder().encodeToString(statement.getBytes(StandardCharsets.UTF_8));
  }

  private static long count(Client client, String sql) {
    return client.queryAll(sql).get(0).getLong(1);
  }
}
