package org.chuanbo.jobs.tables;

import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.records.ArticleMinuteDelta;

/** {@code chuanbo.article_minute} (schemas/clickhouse/0003_article_minute.sql): additive deltas. */
public final class ArticleMinuteTable {

  public static final RowMapping<ArticleMinuteDelta> MAPPING =
      RowMapping.<ArticleMinuteDelta>into("chuanbo.article_minute")
          .string("article_id", ArticleMinuteDelta::articleId)
          .lowCardinality("channel", ArticleMinuteDelta::channel)
          .dateTime("minute", ArticleMinuteDelta::minuteStartMillis)
          .uint64("views", row -> row.counts().views)
          .uint64("shares", row -> row.counts().shares)
          .uint64("reposts", row -> row.counts().reposts)
          .uint64("likes", row -> row.counts().likes)
          .uint64("comments", row -> row.counts().comments)
          .uint64("engaged_ms_sum", row -> row.counts().engagedMsSum)
          .uint64("engaged_count", row -> row.counts().engagedCount)
          .build();

  private ArticleMinuteTable() {}
}
