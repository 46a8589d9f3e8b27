package org.chuanbo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chuanbo.dashboards.superset.ChuanboDashboards;
import org.chuanbo.dashboards.superset.SupersetChart;

/**
 * {@code dashboards/superset/chart-queries/<chart>.sql}: the SQL the running Superset generates for
 * each chart's saved query, as the leader reads it, which {@code ./chuanbo bench} times. The files
 * are what Superset answered, never written by hand: {@code DashboardsCommandITCase} asks again on
 * every run and fails when a file differs, and with {@code -Dchuanbo.writeChartQueries=true} writes
 * them instead.
 */
final class SupersetChartQueries {

  /** The folder, from the launcher module's directory (where Failsafe runs the test). */
  static final Path FOLDER = Path.of("../../dashboards/superset/chart-queries");

  static final String REGENERATE =
      "nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase"
          + " -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true";

  private SupersetChartQueries() {}

  /** Whether this run writes the files instead of checking them. */
  static boolean writing() {
    return Boolean.getBoolean("chuanbo.writeChartQueries");
  }

  /**
   * File name → content for every chart: a header saying what the file is, then the query exactly
   * as Superset gave it.
   */
  static Map<String, String> files(SupersetCharts asLeader, List<SupersetCharts.Chart> charts)
      throws Exception {
    Map<UUID, SupersetChart> byUuid =
        ChuanboDashboards.dashboards().stream()
            .flatMap(dashboard -> dashboard.charts().stream())
            .distinct()
            .collect(Collectors.toMap(SupersetChart::uuid, Function.identity()));
    Map<String, String> files = new TreeMap<>();
    for (SupersetCharts.Chart chart : charts) {
      SupersetChart source = byUuid.get(chart.uuid());
      if (source == null) {
        throw new IllegalStateException(chart.title() + " is not a chart of ChuanboDashboards");
      }
      files.put(source.key() + ".sql", header(source) + asLeader.query(chart) + "\n");
    }
    return files;
  }

  private static String header(SupersetChart chart) {
    return "-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)\n"
        + "-- generates for the chart 「"
        + chart.title()
        + "」\n-- ("
        + chart.key()
        + ", dataset "
        + chart.dataset().name()
        + ") from its saved query context,\n"
        + "-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,\n"
        + "-- no row-level security clause "
        + (chart.dataset().hasOffice()
            ? "(an editor's query adds office = '<office>')."
            : "(the dataset has no office column).")
        + "\n-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs\n"
        + "-- from this file. Regenerate:\n"
        + "--   "
        + REGENERATE
        + "\n";
  }

  /** The committed files, by name. */
  static Map<String, String> committed() throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(FOLDER)) {
      return files;
    }
    try (Stream<Path> paths = Files.list(FOLDER)) {
      for (Path file : paths.filter(f -> f.toString().endsWith(".sql")).toList()) {
        files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  /** Replaces the folder's files with these (a chart that is gone loses its file). */
  static void write(Map<String, String> files) throws IOException {
    Files.createDirectories(FOLDER);
    for (String stale : committed().keySet()) {
      Files.delete(FOLDER.resolve(stale));
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(FOLDER.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
  }
}
