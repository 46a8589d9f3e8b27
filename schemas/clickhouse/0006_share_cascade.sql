-- Share cascades (DOMAIN.md "Share cascades"): one row per share, written once when the share is
-- attached to its article's tree — under its parent share when that arrives, or under the root
-- (the article itself) when it has none or its parent never arrived within the job's wait bound.
-- A share is never moved after it is written, so plain SELECTs are exact without FINAL.
CREATE TABLE IF NOT EXISTS chuanbo.share_cascade
(
    article_id       String,
    share_id         String,
    parent_share_id  Nullable(String),
    via_share_id     Nullable(String),
    generation       UInt16,
    channel          LowCardinality(String),
    office           LowCardinality(String),
    event_time       DateTime64(3, 'Asia/Shanghai'),
    parent_missing   UInt8
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (article_id, share_id)
SETTINGS non_replicated_deduplication_window = 10000;
