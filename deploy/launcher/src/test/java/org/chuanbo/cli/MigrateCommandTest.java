package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.chuanbo.jobs.clickhouse.MigrationScript;
import org.chuanbo.jobs.clickhouse.Migrations;
import org.junit.jupiter.api.Test;

/**
 * {@code migrate --print} and {@code --cluster NAME --print} print the migrations and touch no
 * server (the URL given points where nothing listens); {@code --cluster} alone is refused in one
 * line.
 */
class MigrateCommandTest {

  private static final String NOWHERE = "http://127.0.0.1:1";

  @Test
  void shouldPrintThePlainMigrationsWithoutConnecting() {
    CommandRun run = CommandRun.of("migrate", "--print", "--clickhouse", NOWHERE);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(MigrationScript.plain(Migrations.bundled().all()));
  }

  @Test
  void shouldPrintTheClusterFormOfTheSameMigrations() {
    CommandRun run =
        CommandRun.of("migrate", "--cluster", "chuanbo", "--print", "--clickhouse", NOWHERE);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(MigrationScript.onCluster(Migrations.bundled().all(), "chuanbo"))
        .contains("CREATE DATABASE IF NOT EXISTS chuanbo ON CLUSTER chuanbo;")
        .contains(
            "ENGINE = Distributed('chuanbo', 'chuanbo', 'events_local', cityHash64(article_id));");
    for (Migrations.Migration migration : Migrations.bundled().all()) {
      assertThat(run.out()).contains("\n-- " + migration.name() + "\n");
    }
  }

  @Test
  void shouldRefuseToApplyToAClusterInOneLine() {
    CommandRun run = CommandRun.of("migrate", "--cluster", "chuanbo", "--clickhouse", NOWHERE);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .containsExactly(
            "chuanbo: --cluster only prints: a cluster is migrated by an operator running the"
                + " output of --cluster chuanbo --print with clickhouse-client on one node (see"
                + " ./chuanbo migrate --help)");
  }

  @Test
  void shouldRefuseAClusterNameThatCannotBeWrittenIntoDdl() {
    CommandRun run = CommandRun.of("migrate", "--cluster", "prod; DROP", "--print");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0))
        .startsWith("chuanbo: --cluster: cluster name must be letters, digits and _");
  }
}
