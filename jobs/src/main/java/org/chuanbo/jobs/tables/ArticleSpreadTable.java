package org.chuanbo.jobs.tables;

import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.records.ArticleSpread;

/**
 * {@code chuanbo.article_spread_versions} (schemas/clickhouse/0008_article_spread.sql): a revision
 * per change; the view {@code article_spread} shows the latest of each article.
 */
public final class ArticleSpreadTable {

  public static final RowMapping<ArticleSpread> MAPPING =
      RowMapping.<ArticleSpread>into("chuanbo.article_spread_versions")
          .string("article_id", ArticleSpread::articleId)
          .uint64("revision", ArticleSpread::revision)
          .lowCardinality("office", ArticleSpread::office)
          .uint64("views", ArticleSpread::views)
          .uint64("counted_views", ArticleSpread::countedViews)
          .uint64("direct_views", ArticleSpread::directViews)
          .uint64("via_share_views", ArticleSpread::viaShareViews)
          .uint64("reach", ArticleSpread::reach)
          .unsigned("reach_exact", "UInt8", row -> row.reachExact() ? 1 : 0)
          .uint64("shares", ArticleSpread::shares)
          .uint64("counted_shares", ArticleSpread::countedShares)
          .uint64("reposts", ArticleSpread::reposts)
          .uint64("likes", ArticleSpread::likes)
          .uint64("comments", ArticleSpread::comments)
          .uint64("engagements", ArticleSpread::engagements)
          .unsigned("outlets", "UInt32", ArticleSpread::outlets)
          .nullableDateTime64("first_repost_at", ArticleSpread::firstRepostAtMillis)
          .uint64("cascade_shares", ArticleSpread::cascadeShares)
          .uint64("pending_shares", ArticleSpread::pendingShares)
          .uint64("orphaned_shares", ArticleSpread::orphanedShares)
          .unsigned("max_depth", "UInt16", ArticleSpread::maxDepth)
          .float64("mean_depth", ArticleSpread::meanDepth)
          .uint64Array("shares_per_generation", ArticleSpread::sharesPerGeneration)
          .nullableFloat64("amplification", ArticleSpread::amplification)
          .float64("structural_virality", ArticleSpread::structuralVirality)
          .unsigned(
              "structural_virality_estimated",
              "UInt8",
              row -> row.structuralViralityEstimated() ? 1 : 0)
          .unsigned("channels", "UInt8", ArticleSpread::channels)
          .float64("di", row -> row.score().di())
          .float64("di_reach", row -> row.score().reach())
          .float64("di_views", row -> row.score().views())
          .float64("di_engagements", row -> row.score().engagements())
          .float64("di_shares", row -> row.score().shares())
          .float64("di_reposts", row -> row.score().reposts())
          .float64("di_depth", row -> row.score().depth())
          .float64("di_channels", row -> row.score().channels())
          .unsigned("di_config_version", "UInt16", row -> row.score().configVersion())
          .dateTime64("updated_at", ArticleSpread::updatedAtMillis)
          .build();

  private ArticleSpreadTable() {}
}
