package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Superset datasets rewritten for the charts' latency (kpi_periods, daily_spread,
 * monthly_figures, ingest_minutes) answer exactly what they answered before: each runs beside its
 * former text ({@code datasets-before-charts/}) over the same rows, and every row, column name,
 * type and value is equal (reach states compared by the count they finalize to, since kpi_periods'
 * states now hold reach_viewers' hashes); and every chart query on them ({@code
 * dashboards/superset/chart-queries/}) gives the same rows with the former text in its place, so
 * reach merged over offices, channels and days is the same too.
 *
 * <p>The datasets read "now", so the rows are events of the last 70 days up to a minute ago: the
 * same people on several channels, days, pieces and offices, people known by person_id across
 * channels, every event type, events on the periods' edges (midnights, Mondays, the month's first
 * day, whole hours) and in the partial hours the periods end in; and platform reports. No event
 * lies within a quarter of an hour after "now"'s time of day on any day, so that the seconds
 * between the two texts' runs, which move "now" and the periods before it (yesterday, last week and
 * last month until this time of day), move no event in or out. For ingest_minutes, which counts by
 * arrival, events arrive at set times too ({@code rewritten-datasets/arrivals.sql}): on minute
 * edges, in the 24-hour window's first, partial minute before it starts, late by exactly an hour
 * and a millisecond either side, in several offices.
 */
class RewrittenDatasetsITCase {

  private static final String BEFORE = "datasets-before-charts/";
  private static final String ARRIVALS = "rewritten-datasets/arrivals.sql";
  private static final Path DATASETS = Path.of("../../dashboards/superset/datasets");
  private static final Map<String, List<String>> STATES =
      Map.of(
          "kpi_periods", List.of("viewers", "viewers_prev"),
          "daily_spread", List.of("viewers"),
          "monthly_figures", List.of("viewers"),
          "ingest_minutes", List.of());
  private static final int EVENTS = 40_000;
  private static final long DAY_MS = 86_400_000L;

  @BeforeAll
  static void insertTheLastTwoMonths() {
    String articles = ReportTables.uniqueId("rd");
    String offices = "['hz', 'hz', 'bb', 'pg', 'zs', 'zp', 'fc', 'unknown']";
    String channels = "['WECHAT', 'APP', 'WEBSITE', 'TV']";
    String edges =
        "[toDateTime64(toStartOfDay(t0), 3, 'Asia/Shanghai'),"
            + " toDateTime64(toStartOfDay(t0), 3, 'Asia/Shanghai') - INTERVAL 1 DAY,"
            + " toDateTime64(toMonday(t0), 3, 'Asia/Shanghai'),"
            + " toDateTime64(toMonday(t0), 3, 'Asia/Shanghai') - INTERVAL 7 DAY,"
            + " toDateTime64(toStartOfMonth(t0), 3, 'Asia/Shanghai'),"
            + " toDateTime64(toStartOfMonth(t0), 3, 'Asia/Shanghai') - INTERVAL 1 MONTH,"
            + " toStartOfHour(t0), toStartOfHour(t0 - INTERVAL 1 DAY),"
            + " toStartOfHour(t0 - INTERVAL 7 DAY), toStartOfHour(t0 - INTERVAL 1 MONTH)]";
    try (Client client = ReportTables.endpoint().newClient()) {
      // One event in ten on an edge (some of those the millisecond before it), the rest spread over
      // 70 days, half of them in the last two days (the partial hours and days of today, yesterday
      // and a week ago); 40 pieces, each with one office, 2,000 people, a third known as persons.
      RewriteChecks.execute(
          client,
          "INSERT INTO chuanbo.events (event_id, event_type, event_time, article_id, office,"
              + " channel, user_id, person_id, reach_key, terminal, duration_ms, outlet)"
              + " WITH now64(3, 'Asia/Shanghai') AS t0"
              + " SELECT concat('"
              + articles
              + "-e-', toString(number)),"
              + " ['VIEW','VIEW','VIEW','VIEW','VIEW','SHARE','LIKE','COMMENT','REPOST'][1 + number % 9],"
              + " multiIf(number % 10 = 0, arrayElement("
              + edges
              + ", 1 + intDiv(number, 10) % 10) - toIntervalMillisecond(intDiv(number, 100) % 2),"
              + " number % 2 = 0, t0 - toIntervalMillisecond(60000 + cityHash64(number, 1) % (2 * "
              + DAY_MS
              + ")), t0 - toIntervalMillisecond(60000 + cityHash64(number, 1) % (70 * "
              + DAY_MS
              + "))) AS time,"
              + " concat('"
              + articles
              + "-a-', toString(cityHash64(number, 2) % 40)),"
              + offices
              + "[1 + cityHash64(cityHash64(number, 2) % 40) % 8],"
              + channels
              + "[1 + cityHash64(number, 3) % 4],"
              + " concat('u', toString(cityHash64(number, 4) % 2000)),"
              + " if(cityHash64(number, 4) % 3 = 0,"
              + " concat('p', toString(cityHash64(number, 4) % 2000)), NULL),"
              + " if(cityHash64(number, 4) % 3 = 0,"
              + " concat('p:p', toString(cityHash64(number, 4) % 2000)),"
              + " concat('u:', "
              + channels
              + "[1 + cityHash64(number, 3) % 4], ':u', toString(cityHash64(number, 4) % 2000))),"
              + " 'MOBILE', if(number % 2 = 0, 1000 + number, NULL),"
              + " if(number % 9 = 8, 'outlet', NULL)"
              + " FROM numbers("
              + EVENTS
              + ")"
              + " WHERE time < t0 - INTERVAL 1 MINUTE"
              + " AND NOT ((toUnixTimestamp64Milli(time) - toUnixTimestamp64Milli(t0)) % "
              + DAY_MS
              + " + "
              + DAY_MS
              + ") % "
              + DAY_MS
              + " BETWEEN 0 AND 900000");
      // Platform reports on WECHAT for the last 40 days, some on channel-days without events.
      RewriteChecks.execute(
          client,
          "INSERT INTO chuanbo.platform_count_reports SELECT concat('"
              + articles
              + "-r-', toString(number)), concat('"
              + articles
              + "-a-', toString(number % 45)), 'WECHAT',"
              + " toDate(now(), 'Asia/Shanghai') - intDiv(number, 45) % 40,"
              + " now64(3, 'Asia/Shanghai') - toIntervalSecond(number),"
              + " number % 97, number % 5, number % 7, number % 3 FROM numbers(1800)");
      RewriteChecks.execute(client, resource(ARRIVALS).replace("{prefix}", articles));
    }
  }

  @Test
  void shouldGiveTheSameDatasetRowsAsBefore() {
    for (String dataset : STATES.keySet()) {
      assertSameRows(
          dataset, finalized(dataset, current(dataset)), finalized(dataset, before(dataset)));
    }
  }

  @Test
  void shouldGiveTheSameChartAnswersAsBefore() throws IOException {
    int charts = 0;
    try (var files = Files.list(SupersetChartQueries.FOLDER)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        String sql = Files.readString(file, StandardCharsets.UTF_8);
        for (String dataset : STATES.keySet()) {
          String now = current(dataset).strip();
          if (sql.contains(now)) {
            // Sorted: a chart's ORDER BY may leave ties in either order.
            assertSameRows(
                file.getFileName() + " on " + dataset,
                "SELECT * FROM (" + sql.strip().replaceAll(";$", "") + ") ORDER BY ALL",
                "SELECT * FROM ("
                    + sql.replace(now, before(dataset).strip()).strip().replaceAll(";$", "")
                    + ") ORDER BY ALL");
            charts++;
          }
        }
      }
    }
    // leaders (5 on kpi_periods, 3 on daily_spread), monthly (3), quality (6 on ingest_minutes).
    assertThat(charts).as("chart queries on the rewritten datasets").isGreaterThanOrEqualTo(17);
  }

  /** The dataset's rows in one order, reach states as the counts they finalize to. */
  private static String finalized(String dataset, String text) {
    StringBuilder replace = new StringBuilder();
    for (String state : STATES.get(dataset)) {
      replace.append(replace.isEmpty() ? " REPLACE (" : ", ");
      replace.append("finalizeAggregation(").append(state).append(") AS ").append(state);
    }
    if (!replace.isEmpty()) {
      replace.append(')');
    }
    return "SELECT *" + replace + " FROM (" + text + ") ORDER BY ALL";
  }

  private static void assertSameRows(String context, String now, String before) {
    try (Client client = ReportTables.endpoint().newClient()) {
      List<GenericRecord> nowRows = client.queryAll(now);
      List<GenericRecord> beforeRows = client.queryAll(before);
      assertThat(nowRows).as(context + ": rows").isNotEmpty();
      assertThat(RewriteChecks.rows(nowRows)).as(context).isEqualTo(RewriteChecks.rows(beforeRows));
      assertThat(RewriteChecks.columns(nowRows.get(0).getSchema()))
          .as(context)
          .isEqualTo(RewriteChecks.columns(beforeRows.get(0).getSchema()));
    }
  }

  private static String current(String dataset) {
    try {
      return Files.readString(DATASETS.resolve(dataset + ".sql"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String before(String dataset) {
    return resource(BEFORE + dataset + ".sql");
  }

  private static String resource(String name) {
    try (InputStream in =
        RewrittenDatasetsITCase.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
