package org.chuanbo.cli;

import java.util.List;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.clickhouse.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./chuanbo migrate}: applies schemas/clickhouse/ in order, each migration once. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description =
        "Applies the ClickHouse migrations of schemas/clickhouse/ that are not applied yet (safe to re-run).")
final class MigrateCommand implements Runnable {

  @Option(
      names = "--clickhouse",
      defaultValue = "http://127.0.0.1:8123",
      description = "ClickHouse HTTP URL (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--user",
      defaultValue = "default",
      description = "ClickHouse user (default: ${DEFAULT-VALUE}).")
  String user;

  @Option(
      names = "--password",
      defaultValue = "",
      description = "ClickHouse password (default: none).")
  String password;

  @Override
  public void run() {
    List<String> applied = Migrations.bundled().apply(new ClickHouseEndpoint(url, user, password));
    System.out.println(
        applied.isEmpty()
            ? "all migrations were already applied"
            : "applied: " + String.join(", ", applied));
  }
}
