package org.chuanbo.cli;

import java.util.List;
import org.chuanbo.cli.stack.StackCredentials;
import org.chuanbo.jobs.clickhouse.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./chuanbo migrate}: applies schemas/clickhouse/ in order, each migration once. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description =
        "Applies the ClickHouse migrations of schemas/clickhouse/ that are not applied yet (safe to re-run); on the local stack as its admin user.")
final class MigrateCommand implements Runnable {

  @Mixin ClickHouseOption clickHouse = new ClickHouseOption();

  @Override
  public void run() {
    List<String> applied =
        Migrations.bundled().apply(clickHouse.endpointAs(StackCredentials.ADMIN));
    System.out.println(
        applied.isEmpty()
            ? "all migrations were already applied"
            : "applied: " + String.join(", ", applied));
  }
}
