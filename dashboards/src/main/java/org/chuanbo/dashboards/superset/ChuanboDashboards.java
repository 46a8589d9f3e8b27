package org.chuanbo.dashboards.superset;

import static org.chuanbo.dashboards.superset.SupersetChart.bigNumber;
import static org.chuanbo.dashboards.superset.SupersetChart.pie;
import static org.chuanbo.dashboards.superset.SupersetChart.rows;
import static org.chuanbo.dashboards.superset.SupersetChart.series;
import static org.chuanbo.dashboards.superset.SupersetChart.table;
import static org.chuanbo.dashboards.superset.SupersetDashboard.cell;
import static org.chuanbo.dashboards.superset.SupersetDashboard.row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five dashboards (DOMAIN.md "Who it is for"), their charts and datasets, in one place. {@link
 * SupersetAssets} writes them as Superset's ImportV1 YAML under {@code
 * dashboards/superset/assets/}, the reviewable text the bundle is made of.
 */
public final class ChuanboDashboards {

  private static final String COUNT = ",d";
  private static final String CHANGE = "+.1%";
  private static final String RATE = ".2%";
  private static final String STATE = "AggregateFunction(uniqExact, String)";

  /**
   * kpi_periods' reach states: built from chuanbo.reach_viewers' sipHash128 of reach_key, the hash
   * uniqExact(reach_key) itself keeps, so uniqExactMerge counts the same people.
   */
  private static final String HASHED_STATE = "AggregateFunction(uniqExact, UInt128)";

  private static final String LINE = "echarts_timeseries_line";

  private ChuanboDashboards() {}

  // ---- datasets -----------------------------------------------------------------------------

  static final SupersetDataset KPI_PERIODS =
      SupersetDataset.from("kpi_periods", "今日、本周、本月至今与上期同时段（领导驾驶舱）")
          .datasetSql()
          .column("period", "String", "周期代码")
          .column("period_name", "String", "周期")
          .column("period_order", "UInt8", "周期顺序")
          .column("office", "String", "单位代码")
          .column("office_name", "String", "单位")
          .column("views", "UInt64", "阅读/播放量")
          .column("views_prev", "UInt64", "上期阅读/播放量")
          .column("viewers", HASHED_STATE, "触达人员（状态）")
          .column("viewers_prev", HASHED_STATE, "上期触达人员（状态）")
          .column("shares", "UInt64", "分享数")
          .column("shares_prev", "UInt64", "上期分享数")
          .column("reposts", "UInt64", "转载数")
          .column("reposts_prev", "UInt64", "上期转载数")
          .column("engagements", "UInt64", "互动数")
          .column("engagements_prev", "UInt64", "上期互动数")
          .metric("total_views", "SUM(views)", "阅读/播放量", COUNT)
          .metric("views_change", change("SUM(views)", "SUM(views_prev)"), "阅读量环比", CHANGE)
          .metric("total_reach", "uniqExactMerge(viewers)", "触达人数", COUNT)
          .metric(
              "reach_change",
              change("uniqExactMerge(viewers)", "uniqExactMerge(viewers_prev)"),
              "触达环比",
              CHANGE)
          .metric("total_shares", "SUM(shares)", "分享数", COUNT)
          .metric("shares_change", change("SUM(shares)", "SUM(shares_prev)"), "分享环比", CHANGE)
          .metric("total_reposts", "SUM(reposts)", "转载数", COUNT)
          .metric("reposts_change", change("SUM(reposts)", "SUM(reposts_prev)"), "转载环比", CHANGE)
          .metric("engagement_rate", rate("SUM(engagements)", "SUM(views)"), "互动率", RATE)
          .metric(
              "engagement_rate_change",
              rate("SUM(engagements)", "SUM(views)")
                  + " - "
                  + rate("SUM(engagements_prev)", "SUM(views_prev)"),
              "互动率增减（百分点）",
              "+.2%")
          .metric("first_period", "MIN(period_order)", "周期顺序", COUNT)
          .build();

  static final SupersetDataset DAILY_SPREAD =
      SupersetDataset.from("daily_spread", "每日、单位、渠道的传播（近31天与本月）")
          .datasetSql()
          .column("day", "Date", "日期")
          .column("this_month", "UInt8", "本月")
          .column("office", "String", "单位代码")
          .column("office_name", "String", "单位")
          .column("channel", "String", "渠道代码")
          .column("channel_name", "String", "渠道")
          .column("views", "UInt64", "阅读/播放量")
          .column("shares", "UInt64", "分享数")
          .column("reposts", "UInt64", "转载数")
          .column("likes", "UInt64", "点赞数")
          .column("comments", "UInt64", "评论数")
          .column("engagements", "UInt64", "互动数")
          .column("viewers", STATE, "触达人员（状态）")
          .metric("total_views", "SUM(views)", "阅读/播放量", COUNT)
          .metric("total_reach", "uniqExactMerge(viewers)", "触达人数", COUNT)
          .metric("total_shares", "SUM(shares)", "分享数", COUNT)
          .metric("total_reposts", "SUM(reposts)", "转载数", COUNT)
          .metric("total_engagements", "SUM(engagements)", "互动数", COUNT)
          .metric("engagement_rate", rate("SUM(engagements)", "SUM(views)"), "互动率", RATE)
          .build();

  static final SupersetDataset TOP_PIECES =
      SupersetDataset.from("top_pieces", "每篇稿件的传播（传播力指数及其构成）")
          .datasetSql()
          .column("article_id", "String", "稿件编号")
          .column("article", "String", "稿件")
          .column("title", "String", "标题")
          .column("office", "String", "单位代码")
          .column("office_name", "String", "单位")
          .column("published", "String", "发布时间")
          .column("recent", "UInt8", "近30天发布")
          .column("di", "Float64", "传播力指数")
          .column("views", "UInt64", "阅读/播放量")
          .column("reach", "UInt64", "触达人数")
          .column("shares", "UInt64", "分享数")
          .column("reposts", "UInt64", "转载数")
          .column("engagements", "UInt64", "互动数")
          .column("outlets", "UInt32", "转载媒体数")
          .column("max_depth", "UInt16", "传播层级")
          .column("structural_virality", "Float64", "结构病毒性")
          .column("channels", "UInt8", "渠道覆盖")
          .column("direct_views", "UInt64", "直接阅读")
          .column("via_share_views", "UInt64", "转发带来阅读")
          .metric("max_di", "MAX(di)", "传播力指数（DI）", ",.1f")
          .metric("total_views", "SUM(views)", "阅读/播放量（含平台报数）", COUNT)
          .metric("total_reach", "SUM(reach)", "触达人数", COUNT)
          .metric("deepest", "MAX(max_depth)", "传播层级", COUNT)
          .build();

  static final SupersetDataset OUTLET_REPOSTS =
      SupersetDataset.from("outlet_reposts", "转载媒体每日转载数（近31天与本月）")
          .datasetSql()
          .column("day", "Date", "日期")
          .column("this_month", "UInt8", "本月")
          .column("office", "String", "单位代码")
          .column("outlet", "String", "转载媒体")
          .column("reposts", "UInt64", "转载数")
          .metric("total_reposts", "SUM(reposts)", "转载数", COUNT)
          .build();

  static final SupersetDataset ARTICLE_MINUTES =
      SupersetDataset.from("article_minutes", "稿件每分钟、每渠道的传播")
          .datasetSql()
          .column("article_id", "String", "稿件编号")
          .column("article", "String", "稿件")
          .column("office", "String", "单位代码")
          .column("minute", "DateTime", "时间")
          .column("channel", "String", "渠道代码")
          .column("channel_name", "String", "渠道")
          .column("views", "UInt64", "阅读/播放量")
          .column("shares", "UInt64", "分享数")
          .column("reposts", "UInt64", "转载数")
          .column("engagements", "UInt64", "互动数")
          .metric("total_views", "SUM(views)", "阅读/播放量", COUNT)
          .metric("total_shares", "SUM(shares)", "分享数", COUNT)
          .build();

  static final SupersetDataset ARTICLE_BREAKDOWN =
      SupersetDataset.from("article_breakdown", "稿件的阅读来源、各层级分享与传播力指数构成")
          .datasetSql()
          .column("article_id", "String", "稿件编号")
          .column("article", "String", "稿件")
          .column("office", "String", "单位代码")
          .column("kind", "String", "类别")
          .column("item", "String", "项目")
          .column("item_order", "UInt64", "层级/顺序")
          .column("value", "Float64", "数值")
          .column("points", "Float64", "指数得分")
          .metric("total_value", "SUM(value)", "数值", COUNT)
          .metric("total_points", "SUM(points)", "指数得分", ",.1f")
          .metric("first_item", "MIN(item_order)", "顺序", COUNT)
          .build();

  static final SupersetDataset ARTICLE_REPOSTS =
      SupersetDataset.from("article_reposts", "稿件的每次转载")
          .datasetSql()
          .column("article_id", "String", "稿件编号")
          .column("article", "String", "稿件")
          .column("office", "String", "单位代码")
          .column("outlet", "String", "转载媒体")
          .column("channel_name", "String", "来源渠道")
          .column("reposted_at", "String", "转载时间")
          .build();

  static final SupersetDataset REALTIME_MINUTES =
      SupersetDataset.from("realtime_minutes", "近60分钟每分钟的传播")
          .datasetSql()
          .column("minute", "DateTime", "时间")
          .column("office", "String", "单位代码")
          .column("channel", "String", "渠道代码")
          .column("channel_name", "String", "渠道")
          .column("views", "UInt64", "阅读/播放量")
          .column("shares", "UInt64", "分享数")
          .column("reposts", "UInt64", "转载数")
          .column("engagements", "UInt64", "互动数")
          .metric("total_views", "SUM(views)", "阅读/播放量", COUNT)
          .metric("total_shares", "SUM(shares)", "分享数", COUNT)
          .metric("total_engagements", "SUM(engagements)", "互动数", COUNT)
          .build();

  static final SupersetDataset TRENDING =
      SupersetDataset.from("trending", "上升最快的稿件（dashboards/queries/trending.sql，此刻）")
          .reportQuery(
              "trending.sql",
              Map.of("now", "now('Asia/Shanghai')", "office", "''", "per_office", "10"))
          .column("office", "String", "单位代码")
          .column("office_name", "String", "单位")
          .column("rank", "UInt64", "名次")
          .column("article_id", "String", "稿件编号")
          .column("title", "String", "标题")
          .column("views_15m", "UInt64", "近15分钟阅读")
          .column("views_prev_15m", "UInt64", "前15分钟阅读")
          .column("rise_15m", "Int64", "15分钟增量")
          .column("ratio_15m", "Nullable(Float64)", "15分钟倍数")
          .column("views_60m", "UInt64", "近60分钟阅读")
          .column("views_prev_60m", "UInt64", "前60分钟阅读")
          .column("rise_60m", "Int64", "60分钟增量")
          .column("ratio_60m", "Nullable(Float64)", "60分钟倍数")
          .build();

  static final SupersetDataset MONTHLY_FIGURES =
      SupersetDataset.from("monthly_figures", "月报数字：每月、单位、渠道（近13个月）")
          .datasetSql()
          .column("month", "String", "月份")
          .column("office", "String", "单位代码")
          .column("office_name", "String", "单位")
          .column("channel", "String", "渠道代码")
          .column("channel_name", "String", "渠道")
          .column("views", "UInt64", "阅读/播放量（含平台报数）")
          .column("counted_views", "UInt64", "采集阅读/播放量")
          .column("shares", "UInt64", "分享数")
          .column("likes", "UInt64", "点赞数")
          .column("comments", "UInt64", "评论数")
          .column("reposts", "UInt64", "转载数")
          .column("engagements", "UInt64", "互动数")
          .column("engaged_ms_sum", "UInt64", "阅读/收看总时长（毫秒）")
          .column("engaged_count", "UInt64", "有时长的阅读数")
          .column("viewers", STATE, "触达人员（状态）")
          .metric("total_views", "SUM(views)", "阅读/播放量", COUNT)
          .metric("total_counted_views", "SUM(counted_views)", "其中采集", COUNT)
          .metric("total_reach", "uniqExactMerge(viewers)", "触达人数", COUNT)
          .metric("total_shares", "SUM(shares)", "分享数", COUNT)
          .metric("total_likes", "SUM(likes)", "点赞数", COUNT)
          .metric("total_comments", "SUM(comments)", "评论数", COUNT)
          .metric("total_reposts", "SUM(reposts)", "转载数", COUNT)
          .metric("total_engagements", "SUM(engagements)", "互动数", COUNT)
          .metric("engagement_rate", rate("SUM(engagements)", "SUM(views)"), "互动率", RATE)
          .metric(
              "engaged_seconds",
              rate("SUM(engaged_ms_sum)", "SUM(engaged_count)") + " / 1000",
              "平均阅读/收看时长（秒）",
              ",.1f")
          .metric("latest_month", "MAX(month)", "月份", "")
          .build();

  static final SupersetDataset INGEST_MINUTES =
      SupersetDataset.from("ingest_minutes", "近24小时每分钟入库的事件与延迟")
          .datasetSql()
          .column("minute", "DateTime", "入库时间")
          .column("office", "String", "单位代码")
          .column("events", "UInt64", "入库事件")
          .column("late_events", "UInt64", "迟到事件（晚于1小时）")
          .column("lag_ms_sum", "UInt64", "延迟合计（毫秒）")
          .column("lag_ms_max", "UInt64", "最大延迟（毫秒）")
          .metric("total_events", "SUM(events)", "入库事件", COUNT)
          .metric("total_late_events", "SUM(late_events)", "迟到事件（晚于1小时）", COUNT)
          .metric(
              "lag_mean_s", rate("SUM(lag_ms_sum)", "SUM(events)") + " / 1000", "平均延迟（秒）", ",.1f")
          .metric("lag_max_s", "MAX(lag_ms_max) / 1000", "最大延迟（秒）", ",.1f")
          .metric(
              "since_last_ingest_s",
              "dateDiff('second', MAX(minute), toDateTime(toString(now('Asia/Shanghai')), 'UTC'))",
              "最近入库距今（秒，按分钟）",
              COUNT)
          .build();

  static final SupersetDataset INGEST_REJECTS =
      SupersetDataset.from("ingest_rejects", "近24小时每分钟拒收与重复的记录（按主题与原因）")
          .datasetSql()
          .column("minute", "DateTime", "到达时间")
          .column("topic", "String", "主题")
          .column("outcome", "String", "结果")
          .column("reason", "String", "原因")
          .column("records", "UInt64", "记录数")
          .metric("total_records", "SUM(records)", "记录数", COUNT)
          .build();

  // ---- dashboards ---------------------------------------------------------------------------

  static final String TODAY = "period = 'today'";
  static final String THIS_MONTH = "this_month = 1";

  static final SupersetDashboard LEADERS =
      new SupersetDashboard(
          "leaders",
          "领导驾驶舱",
          "今日、本周、本月的阅读、触达、分享、转载与互动率，与上期同时段相比；趋势、渠道、单位、稿件与转载媒体。",
          List.of(
              row(
                  22,
                  cell(
                      bigNumber(
                          "leaders_today_views",
                          "今日阅读/播放量",
                          KPI_PERIODS,
                          "total_views",
                          List.of(TODAY)),
                      3),
                  cell(
                      bigNumber(
                          "leaders_today_reach",
                          "今日触达人数",
                          KPI_PERIODS,
                          "total_reach",
                          List.of(TODAY)),
                      3),
                  cell(
                      bigNumber(
                          "leaders_today_shares",
                          "今日分享数",
                          KPI_PERIODS,
                          "total_shares",
                          List.of(TODAY)),
                      3),
                  cell(
                      bigNumber(
                          "leaders_today_engagement",
                          "今日互动率",
                          KPI_PERIODS,
                          "engagement_rate",
                          List.of(TODAY)),
                      3)),
              row(
                  30,
                  cell(
                      table(
                          "leaders_periods",
                          "今日 / 本周 / 本月（环比为上期同时段）",
                          KPI_PERIODS,
                          List.of("period_name"),
                          List.of(
                              "total_views",
                              "views_change",
                              "total_reach",
                              "reach_change",
                              "total_shares",
                              "shares_change",
                              "total_reposts",
                              "reposts_change",
                              "engagement_rate",
                              "engagement_rate_change"),
                          "first_period",
                          false,
                          10,
                          List.of()),
                      12)),
              row(
                  50,
                  cell(
                      series(
                          "leaders_trend",
                          "近30天每日趋势",
                          LINE,
                          DAILY_SPREAD,
                          "day",
                          "P1D",
                          List.of("total_views", "total_reach", "total_shares"),
                          null,
                          List.of("day >= toDate(now(), 'Asia/Shanghai') - 29")),
                      8),
                  cell(
                      pie(
                          "leaders_channels",
                          "本月渠道构成（阅读/播放量）",
                          DAILY_SPREAD,
                          "channel_name",
                          "total_views",
                          List.of(THIS_MONTH)),
                      4)),
              row(
                  50,
                  cell(
                      table(
                          "leaders_offices",
                          "本月单位排行",
                          DAILY_SPREAD,
                          List.of("office_name"),
                          List.of(
                              "total_views",
                              "total_reach",
                              "total_shares",
                              "total_reposts",
                              "engagement_rate"),
                          "total_views",
                          true,
                          10,
                          List.of(THIS_MONTH)),
                      6),
                  cell(
                      table(
                          "leaders_outlets",
                          "本月转载最多的媒体",
                          OUTLET_REPOSTS,
                          List.of("outlet"),
                          List.of("total_reposts"),
                          "total_reposts",
                          true,
                          10,
                          List.of(THIS_MONTH)),
                      6)),
              row(
                  50,
                  cell(
                      rows(
                          "leaders_top_pieces",
                          "传播力指数前10的稿件（近30天发布）",
                          TOP_PIECES,
                          List.of(
                              "title",
                              "office_name",
                              "published",
                              "di",
                              "views",
                              "reach",
                              "shares",
                              "reposts",
                              "max_depth"),
                          "di",
                          true,
                          10,
                          List.of("recent = 1")),
                      12))),
          List.of(),
          0);

  static final SupersetDashboard ARTICLE =
      new SupersetDashboard(
          "article",
          "稿件传播",
          "一篇稿件：分渠道阅读走势、直接与转发带来的阅读、各层级分享、传播层级、转载记录、传播力指数及其构成。",
          List.of(
              row(
                  22,
                  cell(bigNumber("article_di", "传播力指数（DI）", TOP_PIECES, "max_di", List.of()), 3),
                  cell(
                      bigNumber(
                          "article_views", "阅读/播放量（含平台报数）", TOP_PIECES, "total_views", List.of()),
                      3),
                  cell(bigNumber("article_reach", "触达人数", TOP_PIECES, "total_reach", List.of()), 3),
                  cell(bigNumber("article_depth", "传播层级", TOP_PIECES, "deepest", List.of()), 3)),
              row(
                  50,
                  cell(
                      series(
                          "article_by_channel",
                          "分渠道每小时阅读/播放量",
                          LINE,
                          ARTICLE_MINUTES,
                          "minute",
                          "PT1H",
                          List.of("total_views"),
                          "channel_name",
                          List.of()),
                      8),
                  cell(
                      pie(
                          "article_sources",
                          "直接阅读与转发带来阅读",
                          ARTICLE_BREAKDOWN,
                          "item",
                          "total_value",
                          List.of("kind = 'source'")),
                      4)),
              row(
                  50,
                  cell(
                      table(
                          "article_generations",
                          "各层级分享数（第1层为直接分享）",
                          ARTICLE_BREAKDOWN,
                          List.of("item"),
                          List.of("total_value"),
                          "first_item",
                          false,
                          100,
                          List.of("kind = 'generation'")),
                      6),
                  cell(
                      table(
                          "article_di_components",
                          "传播力指数构成",
                          ARTICLE_BREAKDOWN,
                          List.of("item"),
                          List.of("total_value", "total_points"),
                          "first_item",
                          false,
                          10,
                          List.of("kind = 'di'")),
                      6)),
              row(
                  40,
                  cell(
                      rows(
                          "article_reposts",
                          "转载记录",
                          ARTICLE_REPOSTS,
                          List.of("reposted_at", "outlet", "channel_name"),
                          "reposted_at",
                          true,
                          200,
                          List.of()),
                      12))),
          List.of(
              new SupersetDashboard.SelectFilter("article", "稿件", TOP_PIECES, "article", "max_di")),
          0);

  static final SupersetDashboard REALTIME =
      new SupersetDashboard(
          "realtime",
          "实时热度",
          "近60分钟每分钟的阅读与分享、渠道构成，以及上升最快的稿件；每10秒刷新。",
          List.of(
              row(
                  22,
                  cell(
                      bigNumber(
                          "realtime_views",
                          "近60分钟阅读/播放量",
                          REALTIME_MINUTES,
                          "total_views",
                          List.of()),
                      4),
                  cell(
                      bigNumber(
                          "realtime_shares",
                          "近60分钟分享数",
                          REALTIME_MINUTES,
                          "total_shares",
                          List.of()),
                      4),
                  cell(
                      bigNumber(
                          "realtime_engagements",
                          "近60分钟互动数",
                          REALTIME_MINUTES,
                          "total_engagements",
                          List.of()),
                      4)),
              row(
                  50,
                  cell(
                      series(
                          "realtime_by_minute",
                          "近60分钟每分钟",
                          LINE,
                          REALTIME_MINUTES,
                          "minute",
                          "PT1M",
                          List.of("total_views", "total_shares", "total_engagements"),
                          null,
                          List.of()),
                      8),
                  cell(
                      pie(
                          "realtime_channels",
                          "近60分钟渠道构成",
                          REALTIME_MINUTES,
                          "channel_name",
                          "total_views",
                          List.of()),
                      4)),
              row(
                  50,
                  cell(
                      rows(
                          "realtime_trending",
                          "上升最快的稿件（近15分钟比前15分钟）",
                          TRENDING,
                          List.of(
                              "office_name",
                              "rank",
                              "title",
                              "views_15m",
                              "views_prev_15m",
                              "rise_15m",
                              "views_60m",
                              "rise_60m"),
                          "rise_15m",
                          true,
                          60,
                          List.of()),
                      12))),
          List.of(),
          10);

  static final SupersetDashboard MONTHLY =
      new SupersetDashboard(
          "monthly",
          "月度报告",
          "所选月份的月报数字（与 ./chuanbo report monthly 相同的口径）：合计、分单位、分渠道。",
          List.of(
              row(
                  25,
                  cell(
                      table(
                          "monthly_total",
                          "本月合计",
                          MONTHLY_FIGURES,
                          List.of("month"),
                          List.of(
                              "total_views",
                              "total_counted_views",
                              "total_reach",
                              "total_shares",
                              "total_reposts",
                              "total_likes",
                              "total_comments",
                              "total_engagements",
                              "engagement_rate",
                              "engaged_seconds"),
                          "total_views",
                          true,
                          13,
                          List.of()),
                      12)),
              row(
                  50,
                  cell(
                      table(
                          "monthly_offices",
                          "分单位",
                          MONTHLY_FIGURES,
                          List.of("office_name"),
                          List.of(
                              "total_views",
                              "total_reach",
                              "total_shares",
                              "total_reposts",
                              "total_engagements",
                              "engagement_rate",
                              "engaged_seconds"),
                          "total_views",
                          true,
                          10,
                          List.of()),
                      7),
                  cell(
                      pie(
                          "monthly_channels",
                          "分渠道（阅读/播放量）",
                          MONTHLY_FIGURES,
                          "channel_name",
                          "total_views",
                          List.of()),
                      5))),
          List.of(
              new SupersetDashboard.SelectFilter(
                  "month", "月份", MONTHLY_FIGURES, "month", "latest_month")),
          0);

  static final SupersetDashboard DATA_QUALITY =
      new SupersetDashboard(
          "data-quality",
          "数据质量",
          "近24小时：入库、迟到、拒收（按原因）、重复投递与入库延迟——看数字是否已经完整。",
          List.of(
              row(
                  22,
                  cell(
                      bigNumber(
                          "quality_events", "近24小时入库事件", INGEST_MINUTES, "total_events", List.of()),
                      2),
                  cell(
                      bigNumber(
                          "quality_late",
                          "其中迟到（晚于1小时）",
                          INGEST_MINUTES,
                          "total_late_events",
                          List.of()),
                      2),
                  cell(
                      bigNumber(
                          "quality_rejected",
                          "拒收记录",
                          INGEST_REJECTS,
                          "total_records",
                          List.of("outcome = 'rejected'")),
                      2),
                  cell(
                      bigNumber(
                          "quality_duplicates",
                          "重复投递（已去重）",
                          INGEST_REJECTS,
                          "total_records",
                          List.of("outcome = 'duplicate'")),
                      2),
                  cell(
                      bigNumber(
                          "quality_since_last",
                          "最近入库距今（秒）",
                          INGEST_MINUTES,
                          "since_last_ingest_s",
                          List.of()),
                      2),
                  cell(
                      bigNumber(
                          "quality_max_lag", "最大入库延迟（秒）", INGEST_MINUTES, "lag_max_s", List.of()),
                      2)),
              row(
                  50,
                  cell(
                      series(
                          "quality_per_minute",
                          "每分钟入库与迟到事件",
                          LINE,
                          INGEST_MINUTES,
                          "minute",
                          "PT1M",
                          List.of("total_events", "total_late_events"),
                          null,
                          List.of()),
                      6),
                  cell(
                      series(
                          "quality_lag",
                          "每分钟入库延迟（秒）",
                          LINE,
                          INGEST_MINUTES,
                          "minute",
                          "PT1M",
                          List.of("lag_mean_s", "lag_max_s"),
                          null,
                          List.of()),
                      6)),
              row(
                  45,
                  cell(
                      table(
                          "quality_reasons",
                          "拒收原因",
                          INGEST_REJECTS,
                          List.of("topic", "reason"),
                          List.of("total_records"),
                          "total_records",
                          true,
                          50,
                          List.of("outcome = 'rejected'")),
                      6),
                  cell(
                      series(
                          "quality_rejects_per_minute",
                          "每分钟拒收与重复",
                          LINE,
                          INGEST_REJECTS,
                          "minute",
                          "PT1M",
                          List.of("total_records"),
                          "outcome",
                          List.of()),
                      6))),
          List.of(),
          60);

  /** The five dashboards, in the order people meet them. */
  public static List<SupersetDashboard> dashboards() {
    return List.of(LEADERS, ARTICLE, REALTIME, MONTHLY, DATA_QUALITY);
  }

  /** Every dataset a chart or filter uses, once, in order of first use. */
  public static List<SupersetDataset> datasets() {
    Map<String, SupersetDataset> datasets = new LinkedHashMap<>();
    for (SupersetDashboard dashboard : dashboards()) {
      dashboard
          .charts()
          .forEach(chart -> datasets.putIfAbsent(chart.dataset().name(), chart.dataset()));
      dashboard
          .filters()
          .forEach(filter -> datasets.putIfAbsent(filter.dataset().name(), filter.dataset()));
    }
    return new ArrayList<>(datasets.values());
  }

  /** Relative change, NULL when the period before had nothing (no ratio to show). */
  private static String change(String current, String previous) {
    return "(" + current + " - " + previous + ") / nullIf(" + previous + ", 0)";
  }

  private static String rate(String numerator, String denominator) {
    return numerator + " / nullIf(" + denominator + ", 0)";
  }
}
