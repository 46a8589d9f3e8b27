package org.chuanbo.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report as the table printed at the end: each figure, its target, and whether it is met. */
public final class BenchTable {

  private BenchTable() {}

  public static String render(BenchReport report) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"figure", "measured", "target", "met"});
    if (report.pipelineMeasured()) {
      pipelineRows(report, rows);
    }
    latencyRows("query ", report.queries(), rows);
    latencyRows("chart ", report.chartQueries(), rows);
    if (report.pipelineMeasured()) {
      stateRows(report, rows);
    }
    return layout(rows);
  }

  private static void latencyRows(
      String prefix, Map<String, QueryLatency.Result> results, List<String[]> rows) {
    for (QueryLatency.Result query : results.values()) {
      rows.add(
          new String[] {
            prefix + query.query() + " p50/p99 (rows)",
            String.format(
                "%.0f / %.0f ms (%,d)", query.millis().p50(), query.millis().p99(), query.rows()),
            String.format("p99 ≤ %.0f ms", Targets.QUERY_P99_MS),
            met(query.millis().p99() <= Targets.QUERY_P99_MS)
          });
    }
  }

  private static void pipelineRows(BenchReport report, List<String[]> rows) {
    rows.add(
        new String[] {
          "limit (1 consumer, decode) events/s",
          String.format("%,.0f", report.limit().recordsPerSecond()),
          "-",
          "-"
        });
    rows.add(
        new String[] {
          "e2e events/s (parallelism " + report.settings().parallelism() + ")",
          String.format("%,.0f", report.e2e().eventsPerSecond()),
          String.format("≥ %,.0f", Targets.E2E_EVENTS_PER_S),
          met(report.e2e().eventsPerSecond() >= Targets.E2E_EVENTS_PER_S)
        });
    rows.add(
        new String[] {
          "e2e ÷ limit",
          String.format("%.1f%%", 100 * report.e2eRatioToLimit()),
          String.format("≥ %.0f%%", 100 * Targets.E2E_RATIO_TO_LIMIT),
          met(report.e2eRatioToLimit() >= Targets.E2E_RATIO_TO_LIMIT)
        });
    ThreadCpu.Breakdown cpu = report.e2e().cpu();
    if (cpu != null) {
      rows.add(
          new String[] {
            "e2e CPU: Flink tasks / ClickHouse / Kafka broker / JVM",
            String.format(
                "%.0f%% / %.0f%% / %.0f%% / %.0f%% of %d cores",
                100 * cpu.share(cpu.flinkTasks()),
                100 * cpu.share(cpu.parts().getOrDefault(ThreadCpu.CLICKHOUSE, 0.0)),
                100 * cpu.share(cpu.parts().getOrDefault(ThreadCpu.KAFKA_BROKER, 0.0)),
                100
                    * cpu.share(
                        cpu.parts().getOrDefault(ThreadCpu.GC, 0.0)
                            + cpu.parts().getOrDefault(ThreadCpu.JIT, 0.0)),
                cpu.cores()),
            "-",
            "-"
          });
    }
    ClickHouseWork.Result work = report.e2e().clickHouse();
    rows.add(
        new String[] {
          "e2e ClickHouse: inserts / merges / selects",
          String.format(
              "%.0f s / %.0f s / %.0f s; %.1f rows per event",
              work.insertSeconds(),
              work.mergeSeconds(),
              work.selectSeconds(),
              work.insertedRowsPerEvent(report.e2e().events())),
          "-",
          "-"
        });
    for (Map.Entry<Integer, Freshness.Result> entry : report.freshness().entrySet()) {
      Freshness.Result result = entry.getValue();
      Double target = Targets.FRESHNESS_P99_MS.get(entry.getKey());
      rows.add(
          new String[] {
            String.format("freshness @%,d/s article_minute p50/p99/max", entry.getKey()),
            delays(result.minute()),
            target == null ? "-" : String.format("p99 ≤ %,.0f ms", target),
            target == null
                ? "-"
                : met(
                    result.minute().unseen() == 0
                        && result.minute().percentiles() != null
                        && result.minute().percentiles().p99() <= target)
          });
      rows.add(
          new String[] {
            String.format("freshness @%,d/s article_spread p50/p99/max", entry.getKey()),
            delays(result.spread()),
            "-",
            "-"
          });
    }
  }

  private static void stateRows(BenchReport report, List<String[]> rows) {
    rows.add(
        new String[] {
          "state bytes per dedup id",
          String.format("%.1f", report.state().bytesPerDedupId()),
          String.format("≤ %.0f", Targets.STATE_BYTES_PER_DEDUP_ID),
          met(report.state().bytesPerDedupId() <= Targets.STATE_BYTES_PER_DEDUP_ID)
        });
    StateFootprint.Result footprint = report.state().footprint();
    rows.add(
        new String[] {
          "heap bytes per dedup id",
          String.format("%.1f", footprint.heapBytesPerDedupId()),
          "-",
          "-"
        });
    rows.add(
        new String[] {
          "state / heap bytes per article (without its tree)",
          String.format(
              "%,.0f / %,.0f", report.state().bytesPerArticle(), footprint.heapBytesPerArticle()),
          "bounded",
          "-"
        });
    rows.add(
        new String[] {
          "state / heap bytes per cascade node",
          String.format(
              "%.1f / %.1f",
              footprint.stateBytesPerCascadeNode(), footprint.heapBytesPerCascadeNode()),
          "-",
          "-"
        });
    InsertPaths.Result inserts = report.inserts();
    rows.add(
        new String[] {
          "ClickHouse insert rows/s HTTP / in-process",
          String.format(
              "%,.0f / %,.0f (%.0f%%)",
              inserts.httpRowsPerSecond(),
              inserts.inProcessRowsPerSecond(),
              100 * inserts.httpRatio()),
          "-",
          "-"
        });
  }

  private static String delays(Freshness.Delays delays) {
    String seen =
        delays.percentiles() == null
            ? "none seen"
            : String.format(
                "%,.0f / %,.0f / %,.0f ms",
                delays.percentiles().p50(), delays.percentiles().p99(), delays.percentiles().max());
    return delays.unseen() == 0 ? seen : seen + " (" + delays.unseen() + " unseen)";
  }

  private static String met(boolean met) {
    return met ? "yes" : "NO";
  }

  private static String layout(List<String[]> rows) {
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      out.append(
          String.format(
              "%-" + widths[0] + "s  %" + widths[1] + "s  %-" + widths[2] + "s  %s%n",
              (Object[]) row));
    }
    return out.toString();
  }
}
