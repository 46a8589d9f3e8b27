package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chuanbo.dashboards.console.NamedQueries;
import org.chuanbo.dashboards.console.ShanghaiTime;
import org.junit.jupiter.api.Test;

/**
 * dashboards/queries/trending.sql against minutes this test inserts. Each test uses office codes of
 * its own, so rows other tests put in the same two hours cannot change its offices' rankings.
 */
class TrendingQueryITCase {

  /** A fixed "now" in the middle of a minute, as a dashboard's now() would be. */
  private static final Instant NOW =
      LocalDateTime.of(2021, 3, 15, 12, 0, 30).atZone(ShanghaiTime.ZONE).toInstant();

  private final Random random = new Random();

  @Test
  void shouldRankTheSteepestRiseFirstWithinEachOffice() {
    String north = office();
    String south = office();
    // Per-minute views: {minutes ago → views}; minute 0 is the one NOW falls in.
    Map<String, long[]> pieces = new LinkedHashMap<>();
    pieces.put(article(north, "rising"), perMinute(2, 10, 3));
    pieces.put(article(north, "steady"), perMinute(5, 5, 5));
    pieces.put(article(north, "falling"), perMinute(9, 1, 9));
    pieces.put(article(north, "slow-riser"), perMinute(1, 2, 1));
    pieces.put(article(south, "south-rising"), perMinute(0, 4, 0));
    insertPieces(pieces);

    List<GenericRecord> rows = trending(NOW, "", 10);

    List<GenericRecord> northRows = ofOffice(rows, north);
    assertThat(northRows)
        .extracting(r -> r.getString("article_id"))
        .containsExactly(article(north, "rising"), article(north, "slow-riser"));
    GenericRecord first = northRows.get(0);
    Expected expected = Expected.of(pieces.get(article(north, "rising")));
    assertThat(first.getLong("rank")).isEqualTo(1);
    assertThat(first.getString("title")).isEqualTo("rising");
    assertThat(first.getLong("views_15m")).isEqualTo(expected.last15());
    assertThat(first.getLong("views_prev_15m")).isEqualTo(expected.prev15());
    assertThat(first.getLong("rise_15m")).isEqualTo(expected.last15() - expected.prev15());
    assertThat(first.getDouble("ratio_15m"))
        .isEqualTo(Math.round(100.0 * expected.last15() / expected.prev15()) / 100.0);
    assertThat(first.getLong("views_60m")).isEqualTo(expected.last60());
    assertThat(first.getLong("views_prev_60m")).isEqualTo(expected.prev60());
    assertThat(first.getLong("rise_60m")).isEqualTo(expected.last60() - expected.prev60());
    assertThat(first.getDouble("ratio_60m"))
        .isEqualTo(Math.round(100.0 * expected.last60() / expected.prev60()) / 100.0);

    List<GenericRecord> southRows = ofOffice(rows, south);
    assertThat(southRows)
        .extracting(r -> r.getString("article_id"))
        .containsExactly(article(south, "south-rising"));
    assertThat(southRows.get(0).getLong("rank")).isEqualTo(1);
    assertThat(southRows.get(0).getObject("ratio_15m")).as("nothing before: no ratio").isNull();

    assertThat(trending(NOW, south, 10))
        .extracting(r -> r.getString("office"))
        .containsOnly(south)
        .hasSize(1);
  }

  @Test
  void shouldBreakTiesByViewsThenArticleIdAndKeepAtMostPerOffice() {
    String office = office();
    Map<String, long[]> pieces = new LinkedHashMap<>();
    pieces.put(article(office, "b"), perMinute(1, 3, 1)); // rise 30, 45 views
    pieces.put(article(office, "a"), perMinute(1, 3, 1)); // the same: the smaller id first
    pieces.put(article(office, "c"), perMinute(3, 5, 3)); // rise 30 with 75 views: first
    pieces.put(article(office, "d"), perMinute(0, 1, 0)); // rise 15
    insertPieces(pieces);

    assertThat(ofOffice(trending(NOW, office, 10), office))
        .extracting(r -> r.getString("article_id"))
        .containsExactly(
            article(office, "c"), article(office, "a"), article(office, "b"), article(office, "d"));
    assertThat(ofOffice(trending(NOW, office, 2), office))
        .extracting(r -> r.getString("article_id"))
        .containsExactly(article(office, "c"), article(office, "a"));
  }

  @Test
  void shouldMeasureFromTheGivenNowAndIgnoreLaterOrOlderMinutes() {
    String office = office();
    String id = article(office, "late-riser");
    Map<String, long[]> pieces = new LinkedHashMap<>();
    pieces.put(id, perMinute(1, 1, 1));
    insertPieces(pieces);
    try (Client client = ReportTables.endpoint().newClient()) {
      ReportTables.insert(
          client,
          "chuanbo.article_minute",
          List.of(
              // After NOW: a dashboard at NOW cannot have seen it.
              minuteRow(id, NOW.plus(Duration.ofMinutes(3)), 1_000),
              // Two hours and more before NOW: outside both windows.
              minuteRow(id, NOW.minus(Duration.ofMinutes(150)), 1_000)));
    }

    assertThat(ofOffice(trending(NOW, office, 10), office)).as("flat at NOW").isEmpty();
    // Ten minutes later (12:10:30) the burst at 12:03 is inside the last 15 minutes, with the
    // piece's own minutes 11:56–12:00; the 60 before are 10:11–11:10, one view each.
    GenericRecord later =
        ofOffice(trending(NOW.plus(Duration.ofMinutes(10)), office, 10), office).get(0);
    assertThat(later.getLong("views_15m")).isEqualTo(5 + 1_000);
    assertThat(later.getLong("views_prev_15m")).isEqualTo(15);
    assertThat(later.getLong("views_prev_60m")).isEqualTo(60);
  }

  @Test
  void shouldTakeEveryValueFromParameters() throws IOException {
    String sql;
    try (InputStream in =
        NamedQueries.class.getClassLoader().getResourceAsStream("queries/trending.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String code =
        sql.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + b);
    Set<String> parameters = new TreeSet<>();
    Matcher placeholder = Pattern.compile("\\{(\\w+):").matcher(code);
    while (placeholder.find()) {
      parameters.add(placeholder.group(1));
    }
    assertThat(parameters).containsExactly("now", "office", "per_office");
    assertThat(code)
        .doesNotContainIgnoringCase("now()")
        .doesNotContainIgnoringCase("today()")
        .doesNotContainPattern("'\\d{4}-\\d{2}")
        .doesNotContainIgnoringCase(" FINAL");
    assertThat(code).containsPattern("sum\\w*\\(m\\.views");
  }

  /** Views per minute over the two hours before NOW: minutes 60–119, 30–59 … as three levels. */
  private static long[] perMinute(long before, long last15, long between) {
    long[] views = new long[120];
    for (int ago = 0; ago < 120; ago++) {
      views[ago] = ago < 15 ? last15 : ago < 30 ? before : between;
    }
    return views;
  }

  private record Expected(long last15, long prev15, long last60, long prev60) {
    static Expected of(long[] perMinuteAgo) {
      long last15 = 0, prev15 = 0, last60 = 0, prev60 = 0;
      for (int ago = 0; ago < perMinuteAgo.length; ago++) {
        long v = perMinuteAgo[ago];
        if (ago < 15) last15 += v;
        else if (ago < 30) prev15 += v;
        if (ago < 60) last60 += v;
        else prev60 += v;
      }
      return new Expected(last15, prev15, last60, prev60);
    }
  }

  private void insertPieces(Map<String, long[]> pieces) {
    List<Map<String, Object>> versions = new ArrayList<>();
    List<Map<String, Object>> minutes = new ArrayList<>();
    Instant minuteOfNow = NOW.minusSeconds(NOW.getEpochSecond() % 60);
    for (Map.Entry<String, long[]> piece : pieces.entrySet()) {
      String id = piece.getKey();
      Map<String, Object> version = new LinkedHashMap<>();
      version.put("article_id", id);
      version.put("title", id.substring(id.indexOf('/') + 1));
      version.put("office", id.substring(0, id.indexOf('/')));
      version.put("series", "");
      version.put("content_type", "ARTICLE");
      version.put("editor", "测试");
      version.put("published_at", "2021-03-15 08:00:00.000");
      version.put("updated_at", "2021-03-15 08:00:00.000");
      versions.add(version);
      long[] views = piece.getValue();
      for (int ago = 0; ago < views.length; ago++) {
        if (views[ago] > 0) {
          // Split over two channels: the query sums channels, as the dashboards do.
          Instant minute = minuteOfNow.minus(Duration.ofMinutes(ago));
          long wechat = views[ago] / 2;
          if (wechat > 0) {
            minutes.add(minuteRow(id, "WECHAT", minute, wechat));
          }
          minutes.add(minuteRow(id, "APP", minute, views[ago] - wechat));
        }
      }
    }
    try (Client client = ReportTables.endpoint().newClient()) {
      ReportTables.insert(client, "chuanbo.article_versions", versions);
      ReportTables.insert(client, "chuanbo.article_minute", minutes);
    }
  }

  private static Map<String, Object> minuteRow(String id, Instant minute, long views) {
    return minuteRow(id, "APP", minute.minusSeconds(minute.getEpochSecond() % 60), views);
  }

  private static Map<String, Object> minuteRow(
      String id, String channel, Instant minute, long views) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("article_id", id);
    row.put("channel", channel);
    row.put("minute", ShanghaiTime.seconds(minute));
    row.put("views", views);
    row.put("shares", 0);
    row.put("reposts", 0);
    row.put("likes", 0);
    row.put("comments", 0);
    row.put("engaged_ms_sum", 0);
    row.put("engaged_count", 0);
    return row;
  }

  private static List<GenericRecord> trending(Instant now, String office, int perOffice) {
    try (Client client = ReportTables.endpoint().newClient()) {
      return new NamedQueries(client)
          .run(
              "trending",
              Map.of("now", ShanghaiTime.seconds(now), "office", office, "per_office", perOffice));
    }
  }

  private static List<GenericRecord> ofOffice(List<GenericRecord> rows, String office) {
    return rows.stream().filter(r -> r.getString("office").equals(office)).toList();
  }

  /** An office code no other test uses: trending ranks within offices. */
  private String office() {
    return "t" + Long.toHexString(random.nextLong() & 0xffffffffffL);
  }

  /** Article ids carry their office, so the fixture can write both from one name. */
  private static String article(String office, String name) {
    return office + "/" + name;
  }
}
