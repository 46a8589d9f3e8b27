package org.chuanbo.jobs.spread;

import org.chuanbo.jobs.records.PlatformReport;

/**
 * One article's counts on one channel and Shanghai day: what the job counted from events, and the
 * latest report the platform published for it (DOMAIN.md "Platform-reported counts"). The effective
 * count is the greater of the two — never their sum, since the counted events are mostly among what
 * the platform saw. A Flink POJO: public fields, no-argument constructor.
 */
public final class ChannelDay {
  public long countedViews;
  public long countedShares;
  public long countedLikes;
  public long countedComments;
  public long reportedViews;
  public long reportedShares;
  public long reportedLikes;
  public long reportedComments;
  public long reportAsOfMillis = Long.MIN_VALUE;
  public String reportId;

  public ChannelDay() {}

  /** Takes the report if it is newer than the one held; returns whether it was taken. */
  boolean offer(PlatformReport report) {
    if (reportId != null && !report.supersedes(reportAsOfMillis, reportId)) {
      return false;
    }
    reportId = report.reportId();
    reportAsOfMillis = report.asOfMillis();
    reportedViews = report.views();
    reportedShares = report.shares();
    reportedLikes = report.likes();
    reportedComments = report.comments();
    return true;
  }

  long views() {
    return Math.max(countedViews, reportedViews);
  }

  long shares() {
    return Math.max(countedShares, reportedShares);
  }

  long likes() {
    return Math.max(countedLikes, reportedLikes);
  }

  long comments() {
    return Math.max(countedComments, reportedComments);
  }
}
