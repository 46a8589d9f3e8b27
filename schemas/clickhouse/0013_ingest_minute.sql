-- Every event counted per minute of its arrival in ClickHouse (ingested_at, Shanghai) and office:
-- what the data-quality dashboard's dataset (dashboards/superset/datasets/ingest_minutes.sql) used
-- to count from chuanbo.events row by row for the last 24 hours. events is sorted by article first,
-- so "arrived in the last 24 hours" could not skip a single part of it: every chart of that dataset
-- read every event ever stored. Here the minutes come first, and a day is one row per insert, office
-- and piece (below): with the job inserting every checkpoint, a few rows per insert and piece read
-- instead of every event of every day.
-- Rows are per ingested_at too, not only per minute: the dataset's window starts at "now" minus 24
-- hours to the millisecond, in the middle of a minute, and only ingested_at itself says which of
-- that minute's events arrived after it. That costs little: ingested_at is events' default, now64(3)
-- at the insert, the same for every row of an insert, so a minute holds one row per insert (the
-- job's checkpoint), office and piece, not one per event. The piece (article_id) is there for the
-- cluster (ClusterMigrations): a view over events writes on the shard that took the insert, so its
-- table is sharded by article_id as events is; the dataset never groups by it.
-- Holds exactly what the dataset shows: events, late events (stored more than an hour after they
-- happened, as in the monthly report's quality section) and the delay from event time to storage,
-- counted as 0 for an event stored "before" it happened (clocks disagree): its sum, for the mean,
-- and its largest value.
-- Filled by a materialized view on every insert into events, so a minute is complete as soon as its
-- inserts are; a retried insert that events drops as a duplicate (same insert_deduplication_token)
-- is not passed to the view either. Rows are additive, like article_day's: always read with sum()
-- (max() for lag_ms_max), exact without FINAL; the AggregatingMergeTree only folds rows of one key
-- together in the background.
-- Existing events are copied in once, by the INSERT below, only while the table is empty: a count is
-- not a set, so a copy run twice would count every event twice, and the script is run again whole
-- (deploy/k8s/README.md). Apply it, as every migration, with the job stopped (README "Upgrading"):
-- an insert between the view's creation and the copy would be counted twice, or, if it came before
-- the copy, the copy would see a table no longer empty and skip.
CREATE TABLE IF NOT EXISTS chuanbo.ingest_minute
(
    minute          DateTime('Asia/Shanghai'),
    office          LowCardinality(String),
    ingested_at     DateTime64(3, 'Asia/Shanghai'),
    article_id      String,
    events          SimpleAggregateFunction(sum, UInt64),
    late_events     SimpleAggregateFunction(sum, UInt64),
    lag_ms_sum      SimpleAggregateFunction(sum, Int64),
    lag_ms_max      SimpleAggregateFunction(max, Int64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, office, ingested_at, article_id)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS chuanbo.ingest_minute_mv TO chuanbo.ingest_minute AS
SELECT
    toStartOfMinute(e.ingested_at)                                                AS minute,
    e.office                                                                      AS office,
    e.ingested_at                                                                 AS ingested_at,
    e.article_id                                                                  AS article_id,
    count()                                                                       AS events,
    countIf(e.ingested_at > e.event_time + INTERVAL 1 HOUR)                       AS late_events,
    sum(greatest(0, toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time))) AS lag_ms_sum,
    max(greatest(0, toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time))) AS lag_ms_max
FROM chuanbo.events AS e
GROUP BY minute, office, ingested_at, article_id;

INSERT INTO chuanbo.ingest_minute
SELECT
    toStartOfMinute(e.ingested_at)                                                AS minute,
    e.office                                                                      AS office,
    e.ingested_at                                                                 AS ingested_at,
    e.article_id                                                                  AS article_id,
    count()                                                                       AS events,
    countIf(e.ingested_at > e.event_time + INTERVAL 1 HOUR)                       AS late_events,
    sum(greatest(0, toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time))) AS lag_ms_sum,
    max(greatest(0, toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time))) AS lag_ms_max
FROM chuanbo.events AS e
WHERE (SELECT count() FROM chuanbo.ingest_minute) = 0
GROUP BY minute, office, ingested_at, article_id;
