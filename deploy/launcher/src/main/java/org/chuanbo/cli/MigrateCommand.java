package org.chuanbo.cli;

import java.util.List;
import org.chuanbo.cli.stack.StackCredentials;
import org.chuanbo.jobs.clickhouse.ClusterMigrations;
import org.chuanbo.jobs.clickhouse.MigrationScript;
import org.chuanbo.jobs.clickhouse.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./chuanbo migrate}: applies schemas/clickhouse/ in order, each migration once; with {@code
 * --print}, prints them instead (for one server, or with {@code --cluster NAME} in the form a
 * ClickHouse cluster needs) and touches no server.
 *
 * <p>A cluster is not migrated by this command: its DDL runs {@code ON CLUSTER} on every node
 * through ClickHouse Keeper, may finish on some nodes and time out on others, and is production
 * schema that an operator reviews before running. So {@code --cluster} only prints, and the
 * operator runs the script with {@code clickhouse-client} (deploy/k8s/README.md).
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description =
        "Applies the ClickHouse migrations of schemas/clickhouse/ that are not applied yet (safe to"
            + " re-run); on the local stack as its admin user. With --print, prints them instead"
            + " and touches no server; --cluster NAME prints them for a ClickHouse cluster"
            + " (ReplicatedMergeTree + Distributed, ON CLUSTER NAME).")
final class MigrateCommand implements Runnable {

  @Spec CommandSpec spec;

  @Mixin ClickHouseOption clickHouse = new ClickHouseOption();

  @Option(
      names = "--print",
      description =
          "Print the migrations as one SQL script on standard output instead of applying them;"
              + " records nothing, connects to nothing.")
  boolean print;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description =
          "With --print: the script for the ClickHouse cluster NAME (as in the servers'"
              + " remote_servers), made from the same migration files: tables with article_id as"
              + " Replicated*MergeTree <table>_local on each shard under a Distributed <table>,"
              + " the rest replicated to every node. An operator runs it (deploy/k8s/README.md).")
  String cluster;

  @Override
  public void run() {
    if (cluster != null) {
      try {
        ClusterMigrations.checkClusterName(cluster);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--cluster: " + e.getMessage());
      }
    }
    if (cluster != null && !print) {
      throw new ParameterException(
          spec.commandLine(),
          "--cluster only prints: a cluster is migrated by an operator running the output of"
              + " --cluster "
              + cluster
              + " --print with clickhouse-client on one node");
    }
    Migrations migrations = Migrations.bundled();
    if (print) {
      // A statement without a cluster form fails here, naming its file: an error, not a bad flag.
      String script =
          cluster == null
              ? MigrationScript.plain(migrations.all())
              : MigrationScript.onCluster(migrations.all(), cluster);
      spec.commandLine().getOut().print(script);
      spec.commandLine().getOut().flush();
      return;
    }
    List<String> applied = migrations.apply(clickHouse.endpointAs(StackCredentials.ADMIN));
    spec.commandLine()
        .getOut()
        .println(
            applied.isEmpty()
                ? "all migrations were already applied"
                : "applied: " + String.join(", ", applied));
  }
}
