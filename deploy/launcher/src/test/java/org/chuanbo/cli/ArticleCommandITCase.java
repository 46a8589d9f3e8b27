package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chuanbo.jobs.spread.DisseminationIndex;
import org.junit.jupiter.api.Test;

/**
 * {@code ./chuanbo article <id>} through the real command line, against rows this test inserts: the
 * spread sections print exactly those rows' values, the minute table has one row per minute.
 */
class ArticleCommandITCase {

  private static final List<String> COMPONENTS =
      List.of("reach", "views", "engagements", "shares", "reposts", "depth", "channels");
  private static final Map<String, String> LABELS =
      Map.of(
          "reach", "触达人数",
          "views", "阅读/播放量",
          "engagements", "互动数",
          "shares", "分享数",
          "reposts", "转载数",
          "depth", "传播层级",
          "channels", "渠道覆盖");

  @Test
  void shouldShowHowThePieceSpreadFromItsLatestSpreadRow() {
    String id = ReportTables.uniqueId("article");
    DisseminationIndex v1 = DisseminationIndex.released().get(0);
    // The spread the job would have written; x values of the DI components, in COMPONENTS' order.
    Map<String, Long> x =
        Map.of(
            "reach", 23_456L,
            "views", 15_000L,
            "engagements", 1_503L,
            "shares", 480L,
            "reposts", 3L,
            "depth", 3L,
            "channels", 2L);
    Map<String, Double> points = new LinkedHashMap<>();
    for (String component : COMPONENTS) {
      double weight = v1.weight(component(component));
      double cap = v1.cap(component(component));
      points.put(
          component, 1000 * weight * Math.min(1, Math.log1p(x.get(component)) / Math.log1p(cap)));
    }
    double di = Math.round(points.values().stream().mapToDouble(p -> p).sum() * 10) / 10.0;

    try (Client client = ReportTables.endpoint().newClient()) {
      ReportTables.insert(
          client,
          "chuanbo.article_versions",
          List.of(
              ReportTables.row(
                  "article_id", id,
                  "title", "测试稿件：第一书记的一天",
                  "office", "zp",
                  "series", "第一书记",
                  "content_type", "ARTICLE",
                  "editor", "王五",
                  "published_at", "2020-05-01 08:00:00.000",
                  "updated_at", "2020-05-01 08:00:00.000")));
      ReportTables.insert(
          client,
          "chuanbo.article_minute",
          List.of(
              minute(id, "WECHAT", "2020-05-01 10:00:00", 8, 2),
              minute(id, "APP", "2020-05-01 10:00:00", 4, 0),
              minute(id, "WECHAT", "2020-05-01 09:45:00", 3, 0),
              minute(id, "APP", "2020-05-01 09:01:00", 5, 0),
              // 60 minutes before the latest: just outside the hour shown.
              minute(id, "WECHAT", "2020-05-01 09:00:00", 100, 0)));
      ReportTables.insert(
          client,
          "chuanbo.article_spread_versions",
          List.of(
              spread(id, 1, Map.of("reach", 1L, "views", 1L), points, 1.0, "2020-05-01 09:30:00"),
              spread(id, 2, x, points, di, "2020-05-01 10:00:30")));
      ReportTables.insert(
          client,
          "chuanbo.share_cascade",
          List.of(
              share(id, "s1", null, 1, 0),
              share(id, "s2", null, 1, 0),
              share(id, "s3", "never-arrived", 1, 1),
              share(id, "s4", "s1", 2, 0),
              share(id, "s5", "s1", 2, 0),
              share(id, "s6", "s4", 3, 0)));
      // The later report arrives first; it still wins over the earlier one that arrives second.
      ReportTables.insert(
          client,
          "chuanbo.platform_count_reports",
          List.of(report(id, "r-2", "2020-05-03 08:00:00.000", 14_000)));
      ReportTables.insert(
          client,
          "chuanbo.platform_count_reports",
          List.of(report(id, "r-1", "2020-05-02 08:00:00.000", 9_000)));
      ReportTables.insert(
          client,
          "chuanbo.events",
          List.of(
              repost(id, "新华网", "2020-05-01 09:12:34.000"),
              repost(id, "新华网", "2020-05-01 09:20:00.000"),
              repost(id, "今日头条", "2020-05-01 09:40:00.000")));
    }

    CommandRun run = CommandRun.of("article", id, "--clickhouse", ReportTables.url());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String out = run.out();
    assertThat(out).contains("《测试稿件：第一书记的一天》").contains("昭平县 · 第一书记 · 编辑 王五");
    assertThat(out).contains("传播概况（作业汇总于 2020-05-01 10:00:30，第 2 版）");
    assertThat(cellsOf(out, "触达人数")).containsExactly("触达人数", "23,456", "估算值（HLL）");
    assertThat(cellsOf(out, "阅读/播放量（有效）"))
        .containsExactly("阅读/播放量（有效）", "15,000", "事件计数 12,000，平台报告多出 3,000（取较大值，不相加）");
    assertThat(cellsOf(out, "直接阅读")).containsExactly("直接阅读", "9,000", "不经分享链接");
    assertThat(cellsOf(out, "转发带来阅读")).containsExactly("转发带来阅读", "3,000", "经分享链接");
    assertThat(cellsOf(out, "放大系数")).containsExactly("放大系数", "0.33", "转发带来阅读 ÷ 直接阅读");
    assertThat(cellsOf(out, "分享数（有效）"))
        .containsExactly("分享数（有效）", "480", "事件计数 450，平台报告多出 30（取较大值，不相加）");
    assertThat(cellsOf(out, "渠道覆盖")).startsWith("渠道覆盖", "2");

    assertThat(out)
        .contains("传播层级：最深 3 层，平均 1.67 层")
        .contains("结构传播度：2.125（估算值）")
        .contains("传播树中的分享 6 次；等待上级分享 1 次；上级始终未到、挂在稿件下 1 次");
    // Bars scaled to the largest generation (3 shares = 40 blocks).
    assertThat(cellsOf(out, "第1层")).containsExactly("第1层", "3", "1", "█".repeat(40));
    assertThat(cellsOf(out, "第2层")).containsExactly("第2层", "2", "0", "█".repeat(27));
    assertThat(cellsOf(out, "第3层")).containsExactly("第3层", "1", "0", "█".repeat(13));
    assertThat(out).doesNotContain("第4层");

    assertThat(out)
        .contains(String.format(Locale.ROOT, "传播力指数 %,.1f（满分 1,000；按 di_config 第 1 版计算）", di));
    List<String> diLines = section(out, "传播力指数 ");
    for (String component : COMPONENTS) {
      String label = LABELS.get(component);
      List<String> cells =
          diLines.stream()
              .filter(line -> line.startsWith(label + " "))
              .map(ArticleCommandITCase::cells)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no DI line for " + label + " in\n" + out));
      assertThat(cells)
          .as(component)
          .containsExactly(
              label,
              String.format(Locale.ROOT, "%,d", x.get(component)),
              String.format(Locale.ROOT, "%,d", (long) v1.cap(component(component))),
              String.format(Locale.ROOT, "%.2f", v1.weight(component(component))),
              String.format(Locale.ROOT, "%,.1f", points.get(component)));
    }
    assertThat(out).contains(String.format(Locale.ROOT, "按上表重算合计 %,.1f，与存储值一致", di));

    // WECHAT counted 8 + 3 + 100 views that day; the platform's latest report says 14,000.
    assertThat(cellsOf(out, "2020-05-01"))
        .containsExactly(
            "2020-05-01", "贺州先锋微信公众号", "111", "14,000", "14,000", "2020-05-03 08:00", "2");

    List<List<String>> minutes = minuteRows(out);
    assertThat(minutes).hasSize(60);
    List<String> expectedClock = new ArrayList<>();
    for (LocalTime t = LocalTime.of(9, 1); !t.isAfter(LocalTime.of(10, 0)); t = t.plusMinutes(1)) {
      expectedClock.add(t.toString());
    }
    assertThat(minutes).extracting(cells -> cells.get(0)).containsExactlyElementsOf(expectedClock);
    Map<String, String> views = new LinkedHashMap<>();
    minutes.forEach(cells -> views.put(cells.get(0), cells.get(1)));
    assertThat(views)
        .containsEntry("09:01", "5")
        .containsEntry("09:45", "3")
        .containsEntry("10:00", "12");
    assertThat(views.values().stream().filter(v -> v.equals("0")).count()).isEqualTo(57);
    assertThat(minutes.get(59)).containsExactly("10:00", "12", "2", "█".repeat(40));
    assertThat(minutes.get(1)).containsExactly("09:02", "0", "0");

    assertThat(out)
        .contains("共 2 家，首次转载于 2020-05-01 09:12:34")
        .contains("新华网 × 2")
        .contains("今日头条 × 1");
  }

  @Test
  void shouldSayInOneLineWhenThereIsNoSpreadRowYetAndShowTheRest() {
    String id = ReportTables.uniqueId("article");
    try (Client client = ReportTables.endpoint().newClient()) {
      ReportTables.insert(
          client, "chuanbo.article_minute", List.of(minute(id, "TV", "2020-06-01 20:30:00", 7, 0)));
    }

    CommandRun run = CommandRun.of("article", id, "--clickhouse", ReportTables.url());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().filter(line -> line.contains("传播概况")).toList())
        .containsExactly("传播概况：暂无（作业还没有汇总这篇稿件的传播数据），以下为已计数的事件。");
    assertThat(run.out()).contains("各渠道传播情况").doesNotContain("传播力指数").doesNotContain("分享传播树");
    assertThat(cellsOf(run.out(), "《党旗如画》电视")).startsWith("《党旗如画》电视", "7");
    List<List<String>> minutes = minuteRows(run.out());
    assertThat(minutes).hasSize(60);
    assertThat(minutes.get(0)).containsExactly("19:31", "0", "0");
    assertThat(minutes.get(59)).containsExactly("20:30", "7", "0", "█".repeat(40));
  }

  @Test
  void shouldExplainAnUnknownArticleInOneLine() {
    CommandRun run =
        CommandRun.of(
            "article", ReportTables.uniqueId("nobody"), "--clickhouse", ReportTables.url());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("chuanbo: no article '");
  }

  /**
   * Hostile values: an article id that is SQL is a bound parameter, found as nobody and run as
   * nothing; a title and an outlet carrying terminal escapes print without them.
   */
  @Test
  void shouldBindHostileIdsAndPrintNoTerminalEscapes() {
    String injection =
        "x' OR 1=1) UNION ALL SELECT name FROM system.tables; DROP TABLE chuanbo.events; --";
    CommandRun hostile = CommandRun.of("article", injection, "--clickhouse", ReportTables.url());
    assertThat(hostile.exitCode()).isEqualTo(1);
    assertThat(hostile.errLines()).hasSize(1);
    assertThat(hostile.errLines().get(0)).startsWith("chuanbo: no article '");

    String id = ReportTables.uniqueId("article");
    try (Client client = ReportTables.endpoint().newClient()) {
      ReportTables.insert(
          client,
          "chuanbo.article_versions",
          List.of(
              Map.of(
                  "article_id", id,
                  "title", "\u001b[2J\u001b]0;owned\u0007标题",
                  "office", "zp",
                  "series", "第一书记",
                  "content_type", "ARTICLE",
                  "editor", "\u001b[8m编辑",
                  "published_at", "2020-05-01 08:00:00.000",
                  "updated_at", "2020-05-01 08:00:00.000")));
      ReportTables.insert(
          client, "chuanbo.article_minute", List.of(minute(id, "TV", "2020-06-01 20:30:00", 7, 0)));
      assertThat(client.queryAll("EXISTS TABLE chuanbo.events").get(0).getLong(1)).isEqualTo(1);
    }

    CommandRun run = CommandRun.of("article", id, "--clickhouse", ReportTables.url());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("标题").doesNotContain("\u001b").doesNotContain("\u0007");
  }

  /** The cells of the first line that starts (after indentation) with {@code first}. */
  private static List<String> cellsOf(String out, String first) {
    return out.lines()
        .map(String::strip)
        .filter(line -> line.startsWith(first + " ") || line.equals(first))
        .findFirst()
        .map(ArticleCommandITCase::cells)
        .orElseThrow(() -> new AssertionError("no line starting with " + first + " in\n" + out));
  }

  /** Table cells are separated by at least two spaces. */
  private static List<String> cells(String line) {
    return List.of(line.strip().split(" {2,}"));
  }

  /** The lines of the block that starts with a line beginning with {@code heading}. */
  private static List<String> section(String out, String heading) {
    List<String> lines = out.lines().toList();
    int start = 0;
    while (!lines.get(start).startsWith(heading)) {
      start++;
    }
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).isBlank()) {
      end++;
    }
    return lines.subList(start + 1, end);
  }

  /** The minute table's rows: after its heading, its header and its rule. */
  private static List<List<String>> minuteRows(String out) {
    List<String> block = section(out, "最近 60 分钟");
    return block.subList(2, block.size()).stream().map(ArticleCommandITCase::cells).toList();
  }

  private static Map<String, Object> minute(
      String id, String channel, String minute, long views, long shares) {
    return ReportTables.row(
        "article_id",
        id,
        "channel",
        channel,
        "minute",
        minute,
        "views",
        views,
        "shares",
        shares,
        "reposts",
        0,
        "likes",
        0,
        "comments",
        0,
        "engaged_ms_sum",
        0,
        "engaged_count",
        0);
  }

  private static Map<String, Object> spread(
      String id,
      long revision,
      Map<String, Long> x,
      Map<String, Double> points,
      double di,
      String updatedAt) {
    return ReportTables.row(
        "article_id",
        id,
        "revision",
        revision,
        "office",
        "zp",
        "views",
        x.getOrDefault("views", 0L),
        "counted_views",
        12_000,
        "direct_views",
        9_000,
        "via_share_views",
        3_000,
        "reach",
        x.getOrDefault("reach", 0L),
        "reach_exact",
        0,
        "shares",
        x.getOrDefault("shares", 0L),
        "counted_shares",
        450,
        "reposts",
        x.getOrDefault("reposts", 0L),
        "likes",
        900,
        "comments",
        120,
        "engagements",
        x.getOrDefault("engagements", 0L),
        "outlets",
        2,
        "first_repost_at",
        "2020-05-01 09:12:34.000",
        "cascade_shares",
        6,
        "pending_shares",
        1,
        "orphaned_shares",
        1,
        "max_depth",
        x.getOrDefault("depth", 0L),
        "mean_depth",
        10.0 / 6,
        "shares_per_generation",
        List.of(3, 2, 1),
        "amplification",
        3_000.0 / 9_000,
        "structural_virality",
        2.125,
        "structural_virality_estimated",
        1,
        "channels",
        x.getOrDefault("channels", 0L),
        "di",
        di,
        "di_reach",
        points.get("reach"),
        "di_views",
        points.get("views"),
        "di_engagements",
        points.get("engagements"),
        "di_shares",
        points.get("shares"),
        "di_reposts",
        points.get("reposts"),
        "di_depth",
        points.get("depth"),
        "di_channels",
        points.get("channels"),
        "di_config_version",
        1,
        "updated_at",
        updatedAt + ".000");
  }

  private static Map<String, Object> share(
      String id, String shareId, String parent, int generation, int parentMissing) {
    return ReportTables.row(
        "article_id", id,
        "share_id", shareId,
        "parent_share_id", parent,
        "via_share_id", parent,
        "generation", generation,
        "channel", "WECHAT",
        "office", "zp",
        "event_time", "2020-05-01 09:30:00.000",
        "parent_missing", parentMissing);
  }

  private static Map<String, Object> report(String id, String reportId, String asOf, long views) {
    return ReportTables.row(
        "report_id",
        reportId,
        "article_id",
        id,
        "channel",
        "WECHAT",
        "day",
        "2020-05-01",
        "as_of",
        asOf,
        "views",
        views,
        "shares",
        0,
        "likes",
        0,
        "comments",
        0);
  }

  private static Map<String, Object> repost(String id, String outlet, String time) {
    return ReportTables.row(
        "event_id", ReportTables.uniqueId("e"),
        "event_type", "REPOST",
        "event_time", time,
        "article_id", id,
        "office", "zp",
        "channel", "WEBSITE",
        "user_id", "u",
        "person_id", null,
        "reach_key", "u:WEBSITE:u",
        "terminal", "PC",
        "outlet", outlet);
  }

  private static DisseminationIndex.Component component(String key) {
    return DisseminationIndex.Component.valueOf(key.toUpperCase(Locale.ROOT));
  }
}
