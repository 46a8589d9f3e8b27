package org.chuanbo.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.chuanbo.cli.bench.BenchPhases;
import org.chuanbo.cli.bench.BenchReport;
import org.chuanbo.cli.bench.BenchRun;
import org.chuanbo.cli.bench.BenchSettings;
import org.chuanbo.cli.bench.BenchTable;
import org.chuanbo.cli.bench.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./chuanbo bench}: the figures of issue 10 measured against a limit measured in the same
 * run, on a scratch stack of its own ({@code .chuanbo/bench/}, free loopback ports).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the pipeline on a scratch stack of its own (.chuanbo/bench/, free",
      "ports). Kafka is loaded first with N generated events; then the limit (one",
      "consumer decoding them), the job catching up until the last event is in",
      "ClickHouse (e2e), its state and heap per event id, article and cascade node,",
      "freshness at fixed produce rates (probe events), and every report query and",
      "every Superset chart's query over --query-rows events. Prints a table; --json",
      "writes every figure beside its target. Takes minutes.",
      "--only queries measures those queries alone: no Kafka, no job."
    })
final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--events",
      defaultValue = "2000000",
      description = "Events loaded into Kafka for the limit and e2e (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(
      names = "--rate",
      split = ",",
      description =
          "Produce rates of the freshness phases, events/s; repeat or comma-separate (default: 5000,20000).")
  List<Integer> rates;

  @Option(names = "--json", description = "Also write every figure as JSON to this file.")
  Path json;

  @Option(
      names = "--query-rows",
      defaultValue = "10000000",
      description =
          "Events loaded into the tables for the query latencies (default: ${DEFAULT-VALUE}).")
  long queryRows;

  @Option(
      names = "--freshness-duration",
      defaultValue = "PT20S",
      hidden = true,
      description = "How long each freshness phase produces (default: ${DEFAULT-VALUE}).")
  Duration freshnessDuration;

  @Option(
      names = "--query-runs",
      defaultValue = "20",
      hidden = true,
      description = "Timed runs of each query (default: ${DEFAULT-VALUE}).")
  int queryRuns;

  @Option(
      names = "--query-budget",
      defaultValue = "PT3S",
      hidden = true,
      description =
          "Time after which a query's timed runs stop early, three at least (default: ${DEFAULT-VALUE}).")
  Duration queryBudget;

  @Option(
      names = "--insert-rows",
      defaultValue = "1000000",
      hidden = true,
      description =
          "Rows of each insert when HTTP and in-process inserts are compared (default: ${DEFAULT-VALUE}).")
  int insertRows;

  @Option(
      names = "--only",
      paramLabel = "queries",
      description =
          "Measure one phase alone: 'queries' loads --query-rows events into the tables and times"
              + " every report query, without Kafka or the job (default: every phase).")
  String only;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "The job's parallelism, as stack up runs it (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--seed",
      defaultValue = "20190103",
      description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  BenchSettings settings() {
    BenchPhases phases =
        only == null
            ? BenchPhases.ALL
            : BenchPhases.ofOnly(only)
                .orElseThrow(
                    () ->
                        new CommandLine.ParameterException(
                            spec.commandLine(), "--only must be 'queries', got '" + only + "'"));
    BenchSettings settings =
        new BenchSettings(
            events,
            rates == null || rates.isEmpty() ? BenchSettings.DEFAULT_RATES : rates,
            freshnessDuration,
            queryRows,
            queryRuns,
            queryBudget,
            insertRows,
            parallelism,
            seed,
            Optional.ofNullable(json),
            phases);
    settings
        .problem()
        .ifPresent(
            problem -> {
              throw new CommandLine.ParameterException(spec.commandLine(), problem);
            });
    return settings;
  }

  @Override
  public void run() {
    BenchSettings settings = settings();
    BenchReport report;
    try {
      report = new BenchRun(settings, ProjectRoot.path(), new Progress(System.out)).run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the bench failed: " + e.getMessage(), e);
    }
    System.out.println();
    System.out.print(BenchTable.render(report));
    System.out.printf(
        "%d cores, %s, Flink %s, ClickHouse %s, commit %s; %.0f s in all%n",
        report.environment().cores(),
        report.environment().java(),
        report.environment().flink(),
        report.environment().clickHouse(),
        report.environment().gitCommit(),
        report.totalSeconds());
    if (json != null) {
      try {
        report.writeJson(json);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot write " + json + ": " + e.getMessage(), e);
      }
      System.out.println("JSON: " + json);
    }
  }
}
