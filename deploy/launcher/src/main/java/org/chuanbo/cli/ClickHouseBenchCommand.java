package org.chuanbo.cli;

import java.nio.file.Path;
import org.chuanbo.cli.bench.InsertPaths;
import org.chuanbo.clickhouse.local.bench.InsertThroughputBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./chuanbo clickhouse-bench}: what the HTTP interface costs against the engine itself. */
@Command(
    name = "clickhouse-bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures inserts over the HTTP interface against the engine itself, and prints both.",
      "Inserts N narrow rows in RowBinary over HTTP and the same rows in-process, alternating,",
      "and prints rows/s of both (best and median of --rounds) and their ratio."
    })
final class ClickHouseBenchCommand implements Runnable {

  @Option(
      names = "--rows",
      defaultValue = "1000000",
      description = "Rows per insert (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      description = "Inserts per path; the best is reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--data",
      defaultValue = ".chuanbo/clickhouse-bench",
      description = "Scratch data directory (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--json",
      description = "Also write the figures as JSON to this file (./chuanbo bench reads it).")
  Path json;

  @Override
  public void run() {
    if (rows <= 0 || rounds <= 0) {
      throw new IllegalArgumentException("--rows and --rounds must be positive");
    }
    InsertThroughputBenchmark.Report report =
        new InsertThroughputBenchmark(data, rows, rounds).run();
    System.out.println(report.describe());
    if (json != null) {
      InsertPaths.write(report, json);
    }
  }
}
