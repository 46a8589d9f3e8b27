-- Per article, channel and minute (Asia/Shanghai): the counts the dashboards chart.
-- Rows are additive deltas: early results, then corrections for late events, so sum() over any
-- selection is exact without FINAL; SummingMergeTree only folds rows together in the background.
CREATE TABLE IF NOT EXISTS chuanbo.article_minute
(
    article_id      String,
    channel         LowCardinality(String),
    minute          DateTime('Asia/Shanghai'),
    views           UInt64,
    shares          UInt64,
    reposts         UInt64,
    likes           UInt64,
    comments        UInt64,
    engaged_ms_sum  UInt64,
    engaged_count   UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (article_id, channel, minute)
SETTINGS non_replicated_deduplication_window = 10000;
