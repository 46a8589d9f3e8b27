package org.chuanbo.dashboards.monthly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.chuanbo.dashboards.monthly.ReportTable.ChartSpec;

/**
 * The sections of the monthly report (月报), in the order they are read, with their Chinese headers.
 * The README's "Monthly report" section documents these columns; a change here is a change there.
 */
public final class MonthlyTables {

  public static final String VIEWS = "阅读/播放量";
  public static final String COUNTED_VIEWS = "其中计数事件";
  public static final String REACH = "触达人数";
  public static final String SHARES = "分享数";
  public static final String REPOSTS = "转载数";
  public static final String LIKES = "点赞数";
  public static final String COMMENTS = "评论数";
  public static final String ENGAGEMENTS = "互动数";
  public static final String ENGAGEMENT_RATE = "互动率";
  public static final String ENGAGED_SECONDS = "平均阅读/收看时长（秒）";
  public static final String PUBLISHED = "发布稿件数";

  private MonthlyTables() {}

  public static List<ReportTable> of(MonthlyReport report) {
    return List.of(
        kpi(report),
        breakdown(
            "offices",
            "各单位",
            "单位代码",
            "单位",
            report.offices(),
            new ChartSpec(ChartSpec.Kind.BAR, "各单位阅读/播放量", 1, 2)),
        breakdown(
            "channels",
            "各渠道",
            "渠道代码",
            "渠道",
            report.channels(),
            new ChartSpec(ChartSpec.Kind.BAR, "各渠道阅读/播放量（渠道构成）", 1, 2)),
        breakdown("series", "各栏目", "栏目", "栏目名称", report.series(), null),
        daily(report),
        topPieces(report),
        outlets(report),
        depth(report),
        quality(report));
  }

  static ReportTable kpi(MonthlyReport report) {
    List<List<Object>> rows = new ArrayList<>();
    MonthlyFigures now = report.total();
    MonthlyFigures before = report.previousMonth();
    MonthlyFigures lastYear = report.sameMonthLastYear();
    rows.add(compare(VIEWS, now, before, lastYear, f -> f.views()));
    rows.add(compare(REACH, now, before, lastYear, f -> f.reach()));
    rows.add(compare(SHARES, now, before, lastYear, f -> f.shares()));
    rows.add(compare(REPOSTS, now, before, lastYear, f -> f.reposts()));
    rows.add(compare(ENGAGEMENTS, now, before, lastYear, f -> f.engagements()));
    rows.add(compare(ENGAGEMENT_RATE, now, before, lastYear, MonthlyTables::rate));
    rows.add(compare(ENGAGED_SECONDS, now, before, lastYear, f -> f.meanEngagedSeconds()));
    rows.add(compare(PUBLISHED, now, before, lastYear, f -> f.published()));
    return new ReportTable(
        "kpi",
        "概况",
        List.of(
            // Whose figures, on the sheet and in the CSV file, not only in the file name.
            "指标（" + (report.scope() == ReportScope.ALL ? "全市" : report.scope().displayName()) + "）",
            report.month().label(),
            report.month().previous().label() + "（上月）",
            "环比",
            report.month().sameMonthLastYear().label() + "（去年同月）",
            "同比"),
        rows,
        Optional.empty());
  }

  private static List<Object> compare(
      String label,
      MonthlyFigures now,
      MonthlyFigures before,
      MonthlyFigures lastYear,
      Function<MonthlyFigures, Object> value) {
    Object current = value.apply(now);
    Object previous = value.apply(before);
    Object yearAgo = value.apply(lastYear);
    return Arrays.asList(
        label, current, previous, change(current, previous), yearAgo, change(current, yearAgo));
  }

  /** Relative change (current − earlier) / earlier; null when there is nothing to compare with. */
  static Percent change(Object current, Object earlier) {
    Double now = number(current);
    Double then = number(earlier);
    if (now == null || then == null || then == 0) {
      return null;
    }
    return new Percent((now - then) / then);
  }

  private static Double number(Object value) {
    if (value instanceof Percent percent) {
      return percent.fraction();
    }
    return value instanceof Number number ? number.doubleValue() : null;
  }

  private static Percent rate(MonthlyFigures figures) {
    Double rate = figures.engagementRate();
    return rate == null ? null : new Percent(rate);
  }

  private static ReportTable breakdown(
      String slug,
      String title,
      String codeHeader,
      String nameHeader,
      List<MonthlyFigures> figures,
      ChartSpec chart) {
    List<List<Object>> rows = new ArrayList<>();
    for (MonthlyFigures f : figures) {
      rows.add(
          Arrays.asList(
              f.key(),
              f.name(),
              f.views(),
              f.countedViews(),
              f.reach(),
              f.shares(),
              f.reposts(),
              f.likes(),
              f.comments(),
              f.engagements(),
              rate(f),
              f.meanEngagedSeconds(),
              f.published()));
    }
    return new ReportTable(
        slug,
        title,
        List.of(
            codeHeader,
            nameHeader,
            VIEWS,
            COUNTED_VIEWS,
            REACH,
            SHARES,
            REPOSTS,
            LIKES,
            COMMENTS,
            ENGAGEMENTS,
            ENGAGEMENT_RATE,
            ENGAGED_SECONDS,
            PUBLISHED),
        rows,
        Optional.ofNullable(chart));
  }

  static ReportTable daily(MonthlyReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (MonthlyFigures day : report.days()) {
      rows.add(
          Arrays.asList(
              day.key(),
              day.views(),
              day.countedViews(),
              day.reach(),
              day.shares(),
              day.engagements(),
              day.published()));
    }
    return new ReportTable(
        "daily",
        "每日趋势",
        List.of("日期", VIEWS, COUNTED_VIEWS, REACH, SHARES, ENGAGEMENTS, PUBLISHED),
        rows,
        Optional.of(new ChartSpec(ChartSpec.Kind.LINE, "每日阅读/播放量", 0, 1)));
  }

  static ReportTable topPieces(MonthlyReport report) {
    List<List<Object>> rows = new ArrayList<>();
    long rank = 1;
    for (TopPiece p : report.topPieces()) {
      rows.add(
          Arrays.asList(
              rank++,
              p.articleId(),
              p.title(),
              p.office(),
              p.series(),
              p.publishedAt(),
              p.periodViews(),
              p.di(),
              p.diReach(),
              p.diViews(),
              p.diEngagements(),
              p.diShares(),
              p.diReposts(),
              p.diDepth(),
              p.diChannels(),
              p.views(),
              p.reach(),
              p.engagements(),
              p.shares(),
              p.reposts(),
              p.maxDepth(),
              p.channels()));
    }
    return new ReportTable(
        "top-pieces",
        "传播力前" + MonthlyReportQuery.TOP_PIECES,
        List.of(
            "排名",
            "稿件ID",
            "标题",
            "发布单位",
            "栏目",
            "发布时间",
            "本月阅读/播放事件",
            "传播力指数",
            "触达得分",
            "阅读得分",
            "互动得分",
            "分享得分",
            "转载得分",
            "层级得分",
            "渠道得分",
            "累计阅读/播放量",
            "累计触达人数",
            "累计互动数",
            "累计分享数",
            "累计转载数",
            "传播层级",
            "渠道覆盖"),
        rows,
        Optional.empty());
  }

  static ReportTable outlets(MonthlyReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (OutletReposts o : report.outlets()) {
      rows.add(Arrays.asList(o.outlet(), o.reposts(), o.pieces(), o.firstRepostAt()));
    }
    return new ReportTable(
        "outlets", "转载媒体", List.of("转载媒体", REPOSTS, "转载稿件数", "首次转载时间"), rows, Optional.empty());
  }

  static ReportTable depth(MonthlyReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (CascadeGeneration g : report.generations()) {
      rows.add(
          Arrays.asList(
              "第" + g.generation() + "层",
              (long) g.generation(),
              g.shares(),
              g.pieces(),
              g.parentMissing()));
    }
    return new ReportTable(
        "depth", "传播层级", List.of("传播层级", "层级", SHARES, "稿件数", "上级分享缺失"), rows, Optional.empty());
  }

  static ReportTable quality(MonthlyReport report) {
    DataQuality q = report.quality();
    MonthlyFigures total = report.total();
    List<List<Object>> rows = new ArrayList<>();
    rows.add(Arrays.asList("本月事件数", q.events(), "ClickHouse 中事件时间在本月的全部事件（已按 event_id 去重）"));
    rows.add(Arrays.asList("计数的阅读/播放事件", total.countedViews(), "各渠道采集到的 VIEW 事件"));
    rows.add(
        Arrays.asList(
            "平台报告多出的阅读/播放量",
            total.platformExtraViews(),
            "有效阅读/播放量 = 每篇稿件、每个渠道、每天取计数事件与平台最新报告中的较大者（不相加）；此为有效值超出计数值的部分"));
    rows.add(Arrays.asList("平台报告的稿件·渠道·天数", q.reportedDays(), "平台（微信公众号）自报数据覆盖的稿件-渠道-日"));
    rows.add(Arrays.asList("其中被平台修订过", q.revisedDays(), "同一稿件-渠道-日收到不止一份报告，以 as_of 最新的为准"));
    rows.add(Arrays.asList("其中平台数高于计数", q.reportedAboveCountedDays(), "这些日子的阅读/播放量取自平台报告"));
    rows.add(Arrays.asList("迟到事件（入库晚于发生 1 小时以上）", q.lateEvents(), "已计入本报告；在月初前几天提前生成的报告会少算这些事件"));
    rows.add(Arrays.asList("最大入库延迟（秒）", q.maxLagMs() / 1000.0, "事件发生到写入 ClickHouse 的最长间隔"));
    rows.add(Arrays.asList("未知稿件的事件", q.unknownOfficeEvents(), "稿件信息未及时到达的事件，归入“未知”单位，只出现在全市报告中"));
    rows.add(
        Arrays.asList(
            "被拒绝的坏数据",
            q.rejectedRecords(),
            q.rejectedRecords() == null
                ? "坏数据无法可靠归属到单位，只在全市报告中统计；原始记录在 Kafka 死信主题 chuanbo.events.dlq"
                : "格式错误、字段缺失或不可能的记录，按到达 Kafka 的时间计入本月，未计入任何数字；原始记录及原因在 Kafka 死信主题 chuanbo.events.dlq"));
    return new ReportTable("quality", "数据说明", List.of("项目", "数值", "说明"), rows, Optional.empty());
  }
}
