package org.chuanbo.jobs.tables;

import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.records.PlatformReport;

/**
 * {@code chuanbo.platform_count_reports} (schemas/clickhouse/0007_platform_counts.sql): every
 * accepted report; the view {@code platform_counts} picks the latest per article, channel and day.
 */
public final class PlatformCountReportsTable {

  public static final RowMapping<PlatformReport> MAPPING =
      RowMapping.<PlatformReport>into("chuanbo.platform_count_reports")
          .string("report_id", PlatformReport::reportId)
          .string("article_id", PlatformReport::articleId)
          .lowCardinality("channel", PlatformReport::channel)
          .date("day", PlatformReport::epochDay)
          .dateTime64("as_of", PlatformReport::asOfMillis)
          .uint64("views", PlatformReport::views)
          .uint64("shares", PlatformReport::shares)
          .uint64("likes", PlatformReport::likes)
          .uint64("comments", PlatformReport::comments)
          .build();

  private PlatformCountReportsTable() {}
}
