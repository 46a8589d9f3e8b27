package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.chuanbo.dashboards.console.ShanghaiTime;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./chuanbo di calibrate} through the real command line, its clock fixed at a moment whose
 * window holds only the article_spread rows this test inserts (each test its own year).
 */
class DiCalibrateCommandITCase {

  private static final List<String> COMPONENTS =
      List.of("reach", "views", "engagements", "shares", "reposts", "depth", "channels");

  @Test
  void shouldPrintEachComponentsDistributionAndProposeItsP99RoundedUpAsTheCap() {
    Instant now = LocalDateTime.of(2011, 6, 30, 12, 0).atZone(ShanghaiTime.ZONE).toInstant();
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int articles = 300;
    Map<String, long[]> values = new LinkedHashMap<>();
    COMPONENTS.forEach(c -> values.put(c, new long[articles]));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < articles; i++) {
      Map<String, Long> x = new HashMap<>();
      x.put("reach", (long) random.nextInt(60_000));
      x.put("views", (long) random.nextInt(150_000));
      x.put("engagements", (long) random.nextInt(4_000));
      x.put("shares", (long) random.nextInt(900));
      x.put("reposts", (long) random.nextInt(12));
      x.put("depth", (long) random.nextInt(8));
      x.put("channels", 1L + random.nextInt(6));
      for (String c : COMPONENTS) {
        values.get(c)[i] = x.get(c);
      }
      String id = ReportTables.uniqueId("calibrate");
      Instant updated = now.minus(Duration.ofMinutes(1 + random.nextInt(89 * 24 * 60)));
      // An older revision with huge values: only the latest revision of a piece counts.
      rows.add(spread(id, 1, Map.of("reach", 9_999_999L), updated.minusSeconds(60)));
      rows.add(spread(id, 2, x, updated));
    }
    // Outside the 90 days, and after "now": not looked at.
    rows.add(spread(ReportTables.uniqueId("old"), 1, huge(), now.minus(Duration.ofDays(91))));
    rows.add(spread(ReportTables.uniqueId("future"), 1, huge(), now.plusSeconds(60)));
    try (Client client = ReportTables.endpoint().newClient()) {
      ReportTables.insert(client, "chuanbo.article_spread_versions", rows);
    }
    Map<String, Double> currentCaps = new HashMap<>();
    Map<String, Double> currentWeights = new HashMap<>();
    int latest = latestConfig(currentCaps, currentWeights);

    CommandRun run = calibrate(now, "--days", "90");

    String context = "seed " + seed + "\n" + run.out() + run.err();
    assertThat(run.exitCode()).as(context).isZero();
    assertThat(run.out()).contains("更新过的 300 篇稿件").contains("当前配置为 di_config 第 " + latest + " 版");
    for (String c : COMPONENTS) {
      long[] sorted = values.get(c).clone();
      Arrays.sort(sorted);
      // quantileExact's definition: the value at position ⌊q·n⌋ of the sorted values.
      long p50 = sorted[(int) Math.floor(0.5 * articles)];
      long p90 = sorted[(int) Math.floor(0.9 * articles)];
      long p99 = sorted[(int) Math.floor(0.99 * articles)];
      long max = sorted[articles - 1];
      long proposed = readable(p99);
      List<String> cells = tableRow(run.out(), c);
      assertThat(cells)
          .as(context)
          .containsExactly(
              cells.get(0),
              "300",
              grouped(p50),
              grouped(p90),
              grouped(p99),
              grouped(max),
              grouped(Math.round(currentCaps.get(c))),
              grouped(proposed));
      assertThat(run.out())
          .as(context)
          .contains("\n" + c + ".cap=" + proposed + "\n")
          .contains("\n" + c + ".weight=" + weight(currentWeights.get(c)) + "\n");
    }
    assertThat(run.out())
        .contains("\nversion=" + (latest + 1) + "\n")
        .contains("\ncomponents=" + String.join(",", COMPONENTS) + "\n")
        .contains("建议的 v" + (latest + 1) + ".properties（未写入任何文件");
  }

  @Test
  void shouldSayInOneLineThatNoPieceWasUpdatedAndFail() {
    Instant now = LocalDateTime.of(1999, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
    ReportTables.endpoint();

    CommandRun run = calibrate(now, "--days", "30");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .containsExactly(
            "chuanbo: no piece in chuanbo.article_spread was updated in the last 30 days;"
                + " nothing to calibrate (try a larger --days)");
  }

  @Test
  void shouldRejectDaysBelowOneInOneLine() {
    for (String days : List.of("0", "-3")) {
      CommandRun run = CommandRun.of("di", "calibrate", "--days", days);
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.errLines())
          .containsExactly(
              "chuanbo: --days must be at least 1, got "
                  + days
                  + " (see ./chuanbo di calibrate --help)");
    }
    CommandRun notANumber = CommandRun.of("di", "calibrate", "--days", "ninety");
    assertThat(notANumber.exitCode()).isEqualTo(2);
    assertThat(notANumber.errLines()).hasSize(1);
    assertThat(notANumber.errLines().get(0)).startsWith("chuanbo: ").contains("--days");
  }

  private static CommandRun calibrate(Instant now, String... options) {
    CommandLine.IFactory fixedClock =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            K made = CommandLine.defaultFactory().create(type);
            if (made instanceof DiCommand.Calibrate calibrate) {
              calibrate.clock = Clock.fixed(now, ZoneOffset.UTC);
            }
            return made;
          }
        };
    List<String> arguments = new ArrayList<>(List.of("di", "calibrate"));
    arguments.addAll(List.of(options));
    arguments.addAll(List.of("--clickhouse", ReportTables.url()));
    return CommandRun.with(fixedClock, arguments.toArray(String[]::new));
  }

  /** The latest di_config version's caps and weights, read here independently of the command. */
  private static int latestConfig(Map<String, Double> caps, Map<String, Double> weights) {
    try (Client client = ReportTables.endpoint().newClient()) {
      List<GenericRecord> rows =
          client.queryAll(
              "SELECT version, component, weight, cap FROM chuanbo.di_config"
                  + " WHERE version = (SELECT max(version) FROM chuanbo.di_config)");
      for (GenericRecord row : rows) {
        caps.put(row.getString("component"), row.getDouble("cap"));
        weights.put(row.getString("component"), row.getDouble("weight"));
      }
      return (int) rows.get(0).getLong("version");
    }
  }

  /**
   * The proposal rule, written out again: p99 rounded up to a multiple of half its power of ten
   * (whole numbers below 10), at least 1.
   */
  private static long readable(long p99) {
    if (p99 < 10) {
      return Math.max(1, p99);
    }
    BigDecimal step =
        BigDecimal.TEN.pow(String.valueOf(p99).length() - 1).divide(BigDecimal.valueOf(2));
    return new BigDecimal(p99)
        .divide(step, 0, java.math.RoundingMode.CEILING)
        .multiply(step)
        .longValueExact();
  }

  private static String weight(double weight) {
    return String.format(Locale.ROOT, "%.2f", weight);
  }

  private static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** The table row of a component: its label ends with the component's config name. */
  private static List<String> tableRow(String out, String component) {
    return out.lines()
        .filter(line -> line.matches("^\\S+ " + component + " .*"))
        .findFirst()
        .map(line -> List.of(line.strip().split(" {2,}")))
        .orElseThrow(() -> new AssertionError("no row for " + component + " in\n" + out));
  }

  private static Map<String, Long> huge() {
    Map<String, Long> x = new HashMap<>();
    COMPONENTS.forEach(c -> x.put(c, 77_777_777L));
    x.put("depth", 999L);
    x.put("channels", 99L);
    return x;
  }

  private static Map<String, Object> spread(
      String id, long revision, Map<String, Long> x, Instant updatedAt) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("article_id", id);
    row.put("revision", revision);
    row.put("office", "hz");
    row.put("views", x.getOrDefault("views", 0L));
    row.put("reach", x.getOrDefault("reach", 0L));
    row.put("reach_exact", 1);
    row.put("shares", x.getOrDefault("shares", 0L));
    row.put("reposts", x.getOrDefault("reposts", 0L));
    row.put("engagements", x.getOrDefault("engagements", 0L));
    row.put("max_depth", x.getOrDefault("depth", 0L));
    row.put("channels", x.getOrDefault("channels", 0L));
    row.put("di_config_version", 1);
    row.put("updated_at", ShanghaiTime.millis(updatedAt));
    return row;
  }
}
