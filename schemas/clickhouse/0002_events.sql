-- Raw events, deduplicated by event_id, one row per event. Answers "what exactly happened":
-- views = count() WHERE event_type = 'VIEW'; reach = uniqExact(reach_key). User ids are stored
-- pseudonymised (keyed hash), never in clear.
-- The job inserts each checkpoint's rows once, with insert_deduplication_token, so a retried
-- insert after a failure is dropped by ClickHouse: that is what the deduplication window is for.
CREATE TABLE IF NOT EXISTS chuanbo.events
(
    event_id      String,
    event_type    LowCardinality(String),
    event_time    DateTime64(3, 'Asia/Shanghai'),
    article_id    String,
    office        LowCardinality(String),
    channel       LowCardinality(String),
    user_id       String,
    person_id     Nullable(String),
    reach_key     String,
    terminal      LowCardinality(String),
    region        LowCardinality(Nullable(String)),
    share_id      Nullable(String),
    via_share_id  Nullable(String),
    outlet        LowCardinality(Nullable(String)),
    duration_ms   Nullable(UInt64),
    attributes    Map(String, String),
    ingested_at   DateTime64(3, 'Asia/Shanghai') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (article_id, event_time, event_id)
SETTINGS non_replicated_deduplication_window = 10000;
