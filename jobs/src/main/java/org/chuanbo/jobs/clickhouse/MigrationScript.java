package org.chuanbo.jobs.clickhouse;

import java.util.ArrayList;
import java.util.List;
import org.chuanbo.jobs.clickhouse.ClusterMigrations.ClusterMigration;
import org.chuanbo.jobs.clickhouse.Migrations.Migration;
import org.chuanbo.jobs.spread.DisseminationIndex;
import org.chuanbo.jobs.tables.DiConfigTable;

/**
 * The migrations as one SQL script for a person to read and run ({@code ./chuanbo migrate
 * --print}): each file's statements under its name, then the dissemination-index versions that
 * {@code ./chuanbo migrate} copies into {@code chuanbo.di_config} (DI recomputes from the table
 * alone). Plain, for one server, or in cluster form ({@link ClusterMigrations}). It keeps the
 * conventions of {@code schemas/clickhouse/} — a statement ends with {@code ;} at the end of a
 * line, comments are whole lines — so it splits back into the same statements, and every statement
 * is idempotent, so a run that stopped half-way can be run again. Nothing is recorded in {@code
 * chuanbo.schema_migrations}: that bookkeeping belongs to {@code ./chuanbo migrate} on one server.
 */
public final class MigrationScript {

  private MigrationScript() {}

  /** The statements {@code ./chuanbo migrate} applies to one server. */
  /** What Migrations.statementSettings() sets, for a clickhouse-client session running a script. */
  private static final String BACKFILLS_TOUCH_ANY_PARTITION =
      """
      -- A backfill copies existing rows, which may span any number of monthly partitions.
      SET max_partitions_per_insert_block = 0;
      """;

  public static String plain(List<Migration> migrations) {
    StringBuilder script = new StringBuilder();
    script.append(
        """
        -- Chuanbo's ClickHouse schema for one server, from schemas/clickhouse/ (%s),
        -- printed by ./chuanbo migrate --print: what ./chuanbo migrate applies, without recording it.
        %s"""
            .formatted(range(migrations), BACKFILLS_TOUCH_ANY_PARTITION));
    for (Migration migration : migrations) {
      appendFile(script, migration.name(), SqlScript.statements(migration.sql()));
    }
    appendDiConfig(script);
    return script.toString();
  }

  /** The same migrations in cluster form, for the cluster named {@code cluster}. */
  public static String onCluster(List<Migration> migrations, String cluster) {
    ClusterMigrations clustered = ClusterMigrations.of(cluster, migrations);
    StringBuilder script = new StringBuilder();
    script.append(
        """
        -- Chuanbo's ClickHouse schema for the cluster %1$s, from schemas/clickhouse/ (%2$s),
        -- printed by ./chuanbo migrate --cluster %1$s --print (deploy/k8s/README.md).
        -- Run it once, as chuanbo_admin, on any one node:
        --   clickhouse-client --user chuanbo_admin --ask-password --multiquery < this.sql
        -- ON CLUSTER takes each CREATE to every node. An INSERT takes no ON CLUSTER: through a
        -- Distributed table it reaches every shard; into a table replicated to every node, every node.
        -- Tables with article_id are sharded by it (<name>_local on each shard, Distributed <name>);
        -- the others are replicated to every node. Why: ClusterMigrations' class comment.
        %3$s"""
            .formatted(cluster, range(migrations), BACKFILLS_TOUCH_ANY_PARTITION));
    for (ClusterMigration migration : clustered.migrations()) {
      appendFile(script, migration.name(), migration.statements());
    }
    appendDiConfig(script);
    return script.toString();
  }

  /**
   * One idempotent statement with every released version's rows, inserting only the versions the
   * table does not have yet (as {@code ./chuanbo migrate} does), so a second run adds nothing.
   */
  static String diConfigInsert() {
    List<String> rows = new ArrayList<>();
    for (DisseminationIndex index : DisseminationIndex.released()) {
      for (DiConfigTable.Row row : DiConfigTable.rows(index)) {
        rows.add(
            "    ("
                + row.version()
                + ", '"
                + row.component().replace("\\", "\\\\").replace("'", "\\'")
                + "', "
                + row.position()
                + ", "
                + row.weight()
                + ", "
                + row.cap()
                + ")");
      }
    }
    return "INSERT INTO "
        + DiConfigTable.MAPPING.table()
        + " (version, component, position, weight, cap)\n"
        + "SELECT * FROM values('version UInt16, component String, position UInt8, weight Float64,"
        + " cap Float64',\n"
        + String.join(",\n", rows)
        + ")\n"
        + "WHERE version NOT IN (SELECT version FROM "
        + DiConfigTable.MAPPING.table()
        + ")";
  }

  private static void appendDiConfig(StringBuilder script) {
    script
        .append("\n-- The dissemination-index versions of schemas/dissemination-index/, which")
        .append(" ./chuanbo migrate copies\n")
        .append("-- into chuanbo.di_config: only those not there yet.\n")
        .append(diConfigInsert())
        .append(";\n");
  }

  private static void appendFile(StringBuilder script, String name, List<String> statements) {
    script.append("\n-- ").append(name).append('\n');
    for (String statement : statements) {
      script.append(statement).append(";\n");
    }
  }

  private static String range(List<Migration> migrations) {
    if (migrations.isEmpty()) {
      return "no migrations";
    }
    return migrations.get(0).name()
        + (migrations.size() == 1 ? "" : " … " + migrations.get(migrations.size() - 1).name());
  }
}
