package org.chuanbo.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.chuanbo.jobs.clickhouse.Migrations.Migration;
import org.chuanbo.jobs.spread.DisseminationIndex;
import org.junit.jupiter.api.Test;

/** The printed script is the migrations' statements, in order, and splits back into them. */
class MigrationScriptTest {

  private final List<Migration> bundled = Migrations.bundled().all();

  @Test
  void shouldPrintThePlainStatementsThatMigrateApplies() {
    String script = MigrationScript.plain(bundled);

    // first what Migrations.statementSettings() sets for every statement, for a session
    List<String> expected =
        new ArrayList<>(SqlScript.statements("SET max_partitions_per_insert_block = 0;"));
    bundled.forEach(m -> expected.addAll(SqlScript.statements(m.sql())));
    expected.add(MigrationScript.diConfigInsert());
    assertThat(SqlScript.statements(script)).containsExactlyElementsOf(expected);
    assertThat(script)
        .startsWith("-- Chuanbo's ClickHouse schema for one server")
        .contains("\n-- 0001_create_database.sql\nCREATE DATABASE IF NOT EXISTS chuanbo;\n")
        .doesNotContain("ON CLUSTER");
  }

  @Test
  void shouldPrintTheClusterFormOfTheSameFiles() {
    String script = MigrationScript.onCluster(bundled, "chuanbo_prod");

    // first what Migrations.statementSettings() sets for every statement, for a session
    List<String> expected =
        new ArrayList<>(SqlScript.statements("SET max_partitions_per_insert_block = 0;"));
    ClusterMigrations.of("chuanbo_prod", bundled)
        .migrations()
        .forEach(m -> expected.addAll(m.statements()));
    expected.add(MigrationScript.diConfigInsert());
    assertThat(SqlScript.statements(script)).containsExactlyElementsOf(expected);
    assertThat(script)
        .contains("./chuanbo migrate --cluster chuanbo_prod --print")
        .contains(
            "\n-- 0001_create_database.sql\n"
                + "CREATE DATABASE IF NOT EXISTS chuanbo ON CLUSTER chuanbo_prod;\n")
        .contains("ENGINE = Distributed('chuanbo_prod', 'chuanbo', 'events_local',");
    for (Migration migration : bundled) {
      assertThat(script).contains("\n-- " + migration.name() + "\n");
    }
  }

  @Test
  void shouldCopyEveryReleasedDisseminationIndexVersionOnlyOnce() {
    String insert = MigrationScript.diConfigInsert();

    int components = DisseminationIndex.Component.values().length;
    assertThat(insert.lines().filter(l -> l.startsWith("    (")))
        .hasSize(DisseminationIndex.released().size() * components);
    assertThat(insert)
        .contains("(1, 'reach', 1, 0.3, 50000.0)")
        .endsWith("WHERE version NOT IN (SELECT version FROM chuanbo.di_config)");
  }
}
