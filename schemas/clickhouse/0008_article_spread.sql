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

CREATE VIEW IF NOT EXISTS chuanbo.article_spread AS
SELECT *
FROM chuanbo.article_spread_versions
ORDER BY article_id, revision DESC
LIMIT 1 BY article_id;

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
