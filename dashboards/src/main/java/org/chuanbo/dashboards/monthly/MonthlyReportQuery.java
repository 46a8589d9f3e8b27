package org.chuanbo.dashboards.monthly;

import com.clickhouse.client.api.query.GenericRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.chuanbo.dashboards.console.NamedQueries;
import org.chuanbo.dashboards.console.ShanghaiTime;

/**
 * Reads one month's report from ClickHouse through the monthly_*.sql queries, every value a bound
 * parameter; says what it is doing through {@code progress}, one step at a time.
 */
public final class MonthlyReportQuery {

  /** The top pieces by DI shown in the report, and the outlets. */
  public static final int TOP_PIECES = 20;

  public static final int TOP_OUTLETS = 20;

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final NamedQueries queries;
  private final Consumer<String> progress;

  public MonthlyReportQuery(NamedQueries queries, Consumer<String> progress) {
    this.queries = queries;
    this.progress = progress;
  }

  /** The month's report; empty when nothing happened in it (no event, no platform report). */
  public Optional<MonthlyReport> load(ReportMonth month, ReportScope scope, Instant now) {
    int steps = 10;
    step(1, steps, "本月合计");
    MonthlyFigures total = total(month, scope);
    if (total.events() == 0 && total.views() == 0) {
      return Optional.empty();
    }
    step(2, steps, "上月合计");
    MonthlyFigures previous = total(month.previous(), scope);
    step(3, steps, "去年同月合计");
    MonthlyFigures lastYear = total(month.sameMonthLastYear(), scope);
    step(4, steps, "各单位");
    List<MonthlyFigures> offices = figures(month, scope, "office");
    step(5, steps, "各渠道");
    List<MonthlyFigures> channels = figures(month, scope, "channel");
    step(6, steps, "各栏目");
    List<MonthlyFigures> series = figures(month, scope, "series");
    step(7, steps, "每日趋势");
    List<MonthlyFigures> days = everyDay(month, figures(month, scope, "day"));
    step(8, steps, "传播力指数前 " + TOP_PIECES + " 的稿件");
    List<TopPiece> top = topPieces(month, scope);
    step(9, steps, "转载媒体与传播层级");
    List<OutletReposts> outlets = outlets(month, scope);
    List<CascadeGeneration> generations = generations(month, scope);
    step(10, steps, "数据质量");
    DataQuality quality = quality(month, scope);
    return Optional.of(
        new MonthlyReport(
            month,
            scope,
            now,
            total,
            previous,
            lastYear,
            offices,
            channels,
            series,
            days,
            top,
            outlets,
            generations,
            quality));
  }

  private void step(int step, int steps, String what) {
    progress.accept("查询 " + step + "/" + steps + "：" + what);
  }

  private MonthlyFigures total(ReportMonth month, ReportScope scope) {
    List<MonthlyFigures> rows = figures(month, scope, "total");
    return rows.isEmpty() ? MonthlyFigures.none("", "合计") : rows.get(0);
  }

  private List<MonthlyFigures> figures(ReportMonth month, ReportScope scope, String by) {
    Map<String, Object> parameters = month.parameters(scope);
    parameters.put("by", by);
    return queries.run("monthly_figures", parameters).stream()
        .map(MonthlyReportQuery::figures)
        .toList();
  }

  private static MonthlyFigures figures(GenericRecord row) {
    return new MonthlyFigures(
        row.getString("key"),
        row.getString("name"),
        row.getLong("events"),
        row.getLong("views"),
        row.getLong("counted_views"),
        row.getLong("reach"),
        row.getLong("shares"),
        row.getLong("reposts"),
        row.getLong("likes"),
        row.getLong("comments"),
        row.getLong("engagements"),
        row.getLong("engaged_ms_sum"),
        row.getLong("engaged_count"),
        row.getLong("published"));
  }

  /** Every day of the month, so a trend line has no gaps where nothing happened. */
  private static List<MonthlyFigures> everyDay(ReportMonth month, List<MonthlyFigures> rows) {
    Map<String, MonthlyFigures> byDay = new HashMap<>();
    rows.forEach(row -> byDay.put(row.key(), row));
    List<MonthlyFigures> days = new ArrayList<>();
    for (LocalDate day = month.firstDay(); !day.isAfter(month.lastDay()); day = day.plusDays(1)) {
      String key = day.toString();
      days.add(byDay.getOrDefault(key, MonthlyFigures.none(key, key)));
    }
    return days;
  }

  private List<TopPiece> topPieces(ReportMonth month, ReportScope scope) {
    Map<String, Object> parameters = period(month, scope);
    parameters.put("limit", TOP_PIECES);
    return queries.run("monthly_top_pieces", parameters).stream()
        .map(
            row ->
                new TopPiece(
                    row.getString("article_id"),
                    row.getString("title"),
                    row.getString("office_name"),
                    row.getString("series"),
                    row.getObject("published_at") == null
                        ? ""
                        : MINUTE.format(shanghai(row.getZonedDateTime("published_at"))),
                    row.getLong("period_views"),
                    row.getDouble("di"),
                    row.getDouble("di_reach"),
                    row.getDouble("di_views"),
                    row.getDouble("di_engagements"),
                    row.getDouble("di_shares"),
                    row.getDouble("di_reposts"),
                    row.getDouble("di_depth"),
                    row.getDouble("di_channels"),
                    row.getLong("views"),
                    row.getLong("reach"),
                    row.getLong("engagements"),
                    row.getLong("shares"),
                    row.getLong("reposts"),
                    row.getLong("max_depth"),
                    row.getLong("channels")))
        .toList();
  }

  private List<OutletReposts> outlets(ReportMonth month, ReportScope scope) {
    Map<String, Object> parameters = period(month, scope);
    parameters.put("limit", TOP_OUTLETS);
    return queries.run("monthly_outlets", parameters).stream()
        .map(
            row ->
                new OutletReposts(
                    row.getString("outlet"),
                    row.getLong("reposts"),
                    row.getLong("pieces"),
                    MINUTE.format(shanghai(row.getZonedDateTime("first_repost_at")))))
        .toList();
  }

  private List<CascadeGeneration> generations(ReportMonth month, ReportScope scope) {
    return queries.run("monthly_depth", period(month, scope)).stream()
        .map(
            row ->
                new CascadeGeneration(
                    (int) row.getLong("generation"),
                    row.getLong("shares"),
                    row.getLong("pieces"),
                    row.getLong("parent_missing")))
        .toList();
  }

  private DataQuality quality(ReportMonth month, ReportScope scope) {
    GenericRecord row = queries.run("monthly_quality", month.parameters(scope)).get(0);
    return new DataQuality(
        row.getLong("events"),
        row.getLong("late_events"),
        row.getLong("max_lag_ms"),
        row.getLong("unknown_office_events"),
        row.getLong("reported_days"),
        row.getLong("revised_days"),
        row.getLong("reported_above_counted_days"),
        row.getObject("rejected_records") == null ? null : row.getLong("rejected_records"));
  }

  /** The parameters of the queries that take no whole days: from, to and the office. */
  private static Map<String, Object> period(ReportMonth month, ReportScope scope) {
    Map<String, Object> parameters = new LinkedHashMap<>(month.parameters(scope));
    parameters.remove("from_day");
    parameters.remove("to_day");
    return parameters;
  }

  private static ZonedDateTime shanghai(ZonedDateTime time) {
    return time.withZoneSameInstant(ShanghaiTime.ZONE);
  }
}
