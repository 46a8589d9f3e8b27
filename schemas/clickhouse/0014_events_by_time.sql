-- Every event again, five columns of it, sorted by event time: what the leaders' KPI dataset
-- (dashboards/superset/datasets/kpi_periods.sql) counts in the partial hours its spans end in
-- (yesterday, last week and last month until this time of day, and the current hour), and whom it
-- counts as today's and yesterday's viewers. Those hours cannot come from article_hour (a span ends
-- to the millisecond), and events, sorted by article first, gives up an hour only granule by granule
-- of every piece: one hour read about seven tenths of the table. Nor can two days of viewers come
-- from reach_viewers quickly: sorted by bucket first, it is read whole for them (at the bench's size
-- a bucket's month is one granule). The two were all the time of every "today" chart; here an hour
-- is a few granules and a day a few dozen.
-- viewer is what reach_viewers holds (0011_reach_viewers.sql), reach_key's sipHash128, the very hash
-- uniqExact(reach_key) keeps, on VIEW events; 0 on the others, which count no one. It is most of the
-- table's size (16 bytes an event that do not compress), the price of a day's reach in milliseconds.
-- A plain MergeTree, one row per event: read it with count(), like events itself. Filled by a
-- materialized view on every insert into events, so it holds what events holds; a retried insert
-- that events drops as a duplicate (same insert_deduplication_token) is not passed to the view
-- either. article_id is there for the cluster form (ClusterMigrations), which shards a view's target
-- by it as it shards events.
-- Existing events are copied in once, by the INSERT below, only while the table is empty: rows are
-- counted, so a copy run twice would count every event twice, and the script is run again whole
-- (deploy/k8s/README.md). Apply it, as every migration, with the job stopped (README "Upgrading"):
-- an insert between the view's creation and the copy would be counted twice, or, if it came before
-- the copy, the copy would see a table no longer empty and skip.
CREATE TABLE IF NOT EXISTS chuanbo.events_by_time
(
    -- Sorted, so stored as the differences between neighbours, which compress well.
    event_time    DateTime64(3, 'Asia/Shanghai') CODEC(Delta, ZSTD(1)),
    office        LowCardinality(String),
    event_type    LowCardinality(String),
    article_id    LowCardinality(String),
    viewer        UInt128
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (event_time, office)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS chuanbo.events_by_time_mv TO chuanbo.events_by_time AS
SELECT
    e.event_time                                                                  AS event_time,
    e.office                                                                      AS office,
    e.event_type                                                                  AS event_type,
    e.article_id                                                                  AS article_id,
    if(e.event_type = 'VIEW', reinterpretAsUInt128(sipHash128(e.reach_key)), toUInt128(0)) AS viewer
FROM chuanbo.events AS e;

INSERT INTO chuanbo.events_by_time
SELECT
    e.event_time                                                                  AS event_time,
    e.office                                                                      AS office,
    e.event_type                                                                  AS event_type,
    e.article_id                                                                  AS article_id,
    if(e.event_type = 'VIEW', reinterpretAsUInt128(sipHash128(e.reach_key)), toUInt128(0)) AS viewer
FROM chuanbo.events AS e
WHERE (SELECT count() FROM chuanbo.events_by_time) = 0;
