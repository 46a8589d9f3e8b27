-- Data quality per minute: how many records the job rejected (by source topic and reason) and how
-- many duplicate events it dropped, by the minute each record reached Kafka (its Kafka record
-- timestamp), so a replay after a restart puts a record in the same minute again. Rows are
-- additive, like article_minute: sum(records) over any selection is exact without FINAL;
-- SummingMergeTree only folds rows together in the background.
CREATE TABLE IF NOT EXISTS chuanbo.ingest_quality_minute
(
    minute   DateTime('Asia/Shanghai'),
    topic    LowCardinality(String),
    outcome  LowCardinality(String),
    reason   LowCardinality(String),
    records  UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, topic, outcome, reason)
SETTINGS non_replicated_deduplication_window = 10000;
