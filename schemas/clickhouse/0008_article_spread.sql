-- How each piece spread (DOMAIN.md "Metrics"): the job writes a new revision of an article's row
-- whenever its spread changed (at most every few seconds); the view article_spread shows the
-- latest revision of each article, one row per article, so plain SQL is right without FINAL.
CREATE TABLE IF NOT EXISTS chuanbo.article_spread_versions
(
    article_id                    String,
    revision                      UInt64,
    office                        LowCardinality(String),
    views                         UInt64,
    counted_views                 UInt64,
    direct_views                  UInt64,
    via_share_views               UInt64,
    reach                         UInt64,
    reach_exact                   UInt8,
    shares                        UInt64,
    counted_shares                UInt64,
    reposts                       UInt64,
    likes                         UInt64,
    comments                      UInt64,
    engagements                   UInt64,
    outlets                       UInt32,
    first_repost_at               Nullable(DateTime64(3, 'Asia/Shanghai')),
    cascade_shares                UInt64,
    pending_shares                UInt64,
    orphaned_shares               UInt64,
    max_depth                     UInt16,
    mean_depth                    Float64,
    shares_per_generation         Array(UInt64),
    amplification                 Nullable(Float64),
    structural_virality           Float64,
    structural_virality_estimated UInt8,
    channels                      UInt8,
    di                            Float64,
    di_reach                      Float64,
    di_views                      Float64,
    di_engagements                Float64,
    di_shares                     Float64,
    di_reposts                    Float64,
    di_depth                      Float64,
    di_channels                   Float64,
    di_config_version             UInt16,
    updated_at                    DateTime64(3, 'Asia/Shanghai')
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY article_id
SETTINGS non_replicated_deduplication_window = 10000;

-- Grouped by article (not LIMIT 1 BY), so that a filter on article_id reaches the table's key.
-- Nullable columns go through a tuple: argMax skips NULL arguments, and the latest may be NULL.
CREATE VIEW IF NOT EXISTS chuanbo.article_spread AS
SELECT
    v.article_id AS article_id,
    max(v.revision) AS revision,
    argMax(v.office, v.revision) AS office,
    argMax(v.views, v.revision) AS views,
    argMax(v.counted_views, v.revision) AS counted_views,
    argMax(v.direct_views, v.revision) AS direct_views,
    argMax(v.via_share_views, v.revision) AS via_share_views,
    argMax(v.reach, v.revision) AS reach,
    argMax(v.reach_exact, v.revision) AS reach_exact,
    argMax(v.shares, v.revision) AS shares,
    argMax(v.counted_shares, v.revision) AS counted_shares,
    argMax(v.reposts, v.revision) AS reposts,
    argMax(v.likes, v.revision) AS likes,
    argMax(v.comments, v.revision) AS comments,
    argMax(v.engagements, v.revision) AS engagements,
    argMax(v.outlets, v.revision) AS outlets,
    argMax(tuple(v.first_repost_at), v.revision).1 AS first_repost_at,
    argMax(v.cascade_shares, v.revision) AS cascade_shares,
    argMax(v.pending_shares, v.revision) AS pending_shares,
    argMax(v.orphaned_shares, v.revision) AS orphaned_shares,
    argMax(v.max_depth, v.revision) AS max_depth,
    argMax(v.mean_depth, v.revision) AS mean_depth,
    argMax(v.shares_per_generation, v.revision) AS shares_per_generation,
    argMax(tuple(v.amplification), v.revision).1 AS amplification,
    argMax(v.structural_virality, v.revision) AS structural_virality,
    argMax(v.structural_virality_estimated, v.revision) AS structural_virality_estimated,
    argMax(v.channels, v.revision) AS channels,
    argMax(v.di, v.revision) AS di,
    argMax(v.di_reach, v.revision) AS di_reach,
    argMax(v.di_views, v.revision) AS di_views,
    argMax(v.di_engagements, v.revision) AS di_engagements,
    argMax(v.di_shares, v.revision) AS di_shares,
    argMax(v.di_reposts, v.revision) AS di_reposts,
    argMax(v.di_depth, v.revision) AS di_depth,
    argMax(v.di_channels, v.revision) AS di_channels,
    argMax(v.di_config_version, v.revision) AS di_config_version,
    argMax(v.updated_at, v.revision) AS updated_at
FROM chuanbo.article_spread_versions AS v
GROUP BY v.article_id;

-- The dissemination index's weights and caps, one row per component and config version, copied
-- from schemas/dissemination-index/ by the migration runner: di_recompute.sql needs nothing else.
CREATE TABLE IF NOT EXISTS chuanbo.di_config
(
    version    UInt16,
    component  LowCardinality(String),
    position   UInt8,
    weight     Float64,
    cap        Float64
)
ENGINE = ReplacingMergeTree
ORDER BY (version, component);
