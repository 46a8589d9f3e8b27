package org.chuanbo.dashboards.monthly;

/**
 * One row of monthly_figures.sql: a period's figures for one key (the total, an office, a channel,
 * a series or a day). Views, shares, likes and comments are effective (DOMAIN.md "Platform-reported
 * counts"); reach is distinct people over the whole period.
 */
public record MonthlyFigures(
    String key,
    String name,
    long events,
    long views,
    long countedViews,
    long reach,
    long shares,
    long reposts,
    long likes,
    long comments,
    long engagements,
    long engagedMsSum,
    long engagedCount,
    long published) {

  /** A period with nothing in it. */
  public static MonthlyFigures none(String key, String name) {
    return new MonthlyFigures(key, name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** 互动率 = engagements / views; null without views. */
  public Double engagementRate() {
    return views == 0 ? null : (double) engagements / views;
  }

  /** 平均阅读/收看时长 in seconds: mean duration over the views that carry one; null without any. */
  public Double meanEngagedSeconds() {
    return engagedCount == 0 ? null : engagedMsSum / 1000.0 / engagedCount;
  }

  /** How far the platforms' reports lift the views above the counted events. */
  public long platformExtraViews() {
    return views - countedViews;
  }
}
