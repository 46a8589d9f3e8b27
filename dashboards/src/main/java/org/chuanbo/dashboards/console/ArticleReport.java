package org.chuanbo.dashboards.console;

import com.clickhouse.client.api.query.GenericRecord;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One piece in the terminal, as an editor checks it an hour after publishing: who it reached and
 * how (from chuanbo.article_spread), channels, the platform's own counts, the share tree, the
 * dissemination index component by component, the last 60 minutes and the outlets. Every figure
 * comes from one query of {@code dashboards/queries/}.
 */
public final class ArticleReport {

  private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

  private final NamedQueries queries;
  private final PrintWriter out;

  public ArticleReport(NamedQueries queries, PrintWriter out) {
    this.queries = queries;
    this.out = out;
  }

  /**
   * Prints the piece; false (and nothing printed) when ClickHouse knows nothing about it at all.
   */
  public boolean print(String articleId) {
    Map<String, Object> id = Map.of("article_id", articleId);
    List<GenericRecord> header = queries.run("article_header", id);
    List<GenericRecord> channels = queries.run("article_by_channel", id);
    List<GenericRecord> spread = queries.run("article_spread", id);
    if (header.isEmpty() && channels.isEmpty() && spread.isEmpty()) {
      return false;
    }
    if (!header.isEmpty()) {
      GenericRecord a = header.get(0);
      out.printf(
          "《%s》%n%s · %s · 编辑 %s · 发布于 %s%n%n",
          TerminalText.clean(a.getString("title")),
          TerminalText.clean(a.getString("office")),
          TerminalText.clean(a.getString("series")),
          TerminalText.clean(a.getString("editor")),
          a.getString("published_at"));
    }
    if (spread.isEmpty()) {
      out.println("传播概况：暂无（作业还没有汇总这篇稿件的传播数据），以下为已计数的事件。");
      out.println();
    } else {
      new SpreadOverview(spread.get(0)).print(out);
    }
    printChannels(channels);
    printPlatformDays(id);
    printCascade(id, spread.isEmpty() ? null : spread.get(0));
    if (!spread.isEmpty()) {
      new DiBreakdown(spread.get(0), queries.run("article_di", id)).print(out);
    }
    printLastHour(id);
    printOutlets(id, spread.isEmpty() ? null : spread.get(0));
    return true;
  }

  private void printChannels(List<GenericRecord> channels) {
    ConsoleTable table =
        new ConsoleTable(
            List.of("渠道", "阅读/播放量", "分享数", "转载数", "点赞", "评论", "平均时长(秒)"),
            List.of(false, true, true, true, true, true, true));
    for (GenericRecord row : channels) {
      table.row(
          List.of(
              row.getString("channel_name"),
              Figures.count(row.getLong("views")),
              Figures.count(row.getLong("shares")),
              Figures.count(row.getLong("reposts")),
              Figures.count(row.getLong("likes")),
              Figures.count(row.getLong("comments")),
              Figures.decimal(row.getDouble("engaged_seconds"), 1)));
    }
    out.println("各渠道传播情况（已计数的事件）");
    out.println(table.render());
  }

  /** Only where a platform reported its own counts: why effective views exceed counted ones. */
  private void printPlatformDays(Map<String, Object> id) {
    List<GenericRecord> days = queries.run("article_platform_days", id);
    if (days.isEmpty()) {
      return;
    }
    ConsoleTable table =
        new ConsoleTable(
            List.of("日期", "渠道", "事件计数", "平台报告", "有效阅读", "报告时间", "修订次数"),
            List.of(false, false, true, true, true, false, true));
    for (GenericRecord row : days) {
      table.row(
          List.of(
              row.getString("day"),
              row.getString("channel_name"),
              Figures.count(row.getLong("counted_views")),
              Figures.count(row.getLong("reported_views")),
              Figures.count(row.getLong("effective_views")),
              row.getString("as_of"),
              Figures.count(row.getLong("reports"))));
    }
    out.println("平台报告的阅读数（每天取最新一次报告；有效阅读取两者较大值，不相加）");
    out.println(table.render());
  }

  private void printCascade(Map<String, Object> id, GenericRecord spread) {
    List<GenericRecord> generations = queries.run("article_generations", id);
    if (spread == null && generations.isEmpty()) {
      return;
    }
    out.println("分享传播树");
    if (spread != null) {
      new CascadeSummary(spread).print(out);
    }
    if (generations.isEmpty()) {
      out.println("  （暂无分享）");
      out.println();
      return;
    }
    long largest = generations.stream().mapToLong(row -> row.getLong("shares")).max().orElse(0);
    ConsoleTable table =
        new ConsoleTable(List.of("层级", "分享数", "其中上级缺失", ""), List.of(false, true, true, false));
    for (GenericRecord row : generations) {
      long shares = row.getLong("shares");
      table.row(
          List.of(
              "第" + row.getLong("generation") + "层",
              Figures.count(shares),
              Figures.count(row.getLong("parent_missing")),
              Bars.of(shares, largest)));
    }
    out.println(table.render());
  }

  private void printLastHour(Map<String, Object> id) {
    List<GenericRecord> minutes = queries.run("article_last_hour", id);
    out.println("最近 60 分钟（截至最后一次有数据的分钟）");
    if (minutes.isEmpty()) {
      out.println("  （暂无分钟数据）");
      out.println();
      return;
    }
    long largest = minutes.stream().mapToLong(row -> row.getLong("views")).max().orElse(0);
    ConsoleTable table =
        new ConsoleTable(List.of("分钟", "阅读/播放量", "分享数", ""), List.of(false, true, true, false));
    for (GenericRecord row : minutes) {
      long views = row.getLong("views");
      table.row(
          List.of(
              row.getZonedDateTime("minute")
                  .withZoneSameInstant(ShanghaiTime.ZONE)
                  .format(HOUR_MINUTE),
              Figures.count(views),
              Figures.count(row.getLong("shares")),
              Bars.of(views, largest)));
    }
    out.println(table.render());
  }

  private void printOutlets(Map<String, Object> id, GenericRecord spread) {
    List<GenericRecord> outlets = queries.run("article_outlets", id);
    out.println("转载媒体");
    if (spread != null && spread.getLong("outlets") > 0) {
      out.printf(
          "  共 %s 家，首次转载于 %s%n",
          Figures.count(spread.getLong("outlets")), spread.getString("first_repost_at"));
    }
    if (outlets.isEmpty()) {
      out.println("  （暂无转载）");
    }
    for (GenericRecord row : outlets) {
      out.println(
          "  "
              + TerminalText.clean(row.getString("outlet"))
              + " × "
              + Figures.count(row.getLong("reposts")));
    }
  }
}
