-- Every event counted per Shanghai day, article, office and channel: what the monthly report
-- (monthly_figures.sql, monthly_quality.sql) and reach_period.sql used to count from chuanbo.events
-- row by row, a month at a time. A month of the bench's 10 million events is about 64,000 rows
-- here. The queries read a period's whole days here, the whole hours of its partial first and last
-- days in chuanbo.article_hour (the same counts per hour, below), and count only its partial first
-- and last hours in events, so any period still gives exactly what events gives. Why hours too: a
-- period ending in the afternoon leaves most of a day to count, and events, sorted by article
-- first, cannot skip to those hours (a month's report, from midnight to midnight, needs neither).
-- Filled by a materialized view on every insert into events, so late events land in the day they
-- happened, whenever they arrive; a retried insert that events drops as a duplicate (same
-- insert_deduplication_token) is not passed to the view either. Rows are additive, like
-- article_minute's: always read with sum() (max() for max_lag_ms), exact without FINAL; the
-- AggregatingMergeTree only folds rows of one key together in the background.
-- Existing events are copied in once, by the INSERTs below, each only while its table is empty: a
-- count is not a set, so a copy run twice would count every event twice, and the script is run
-- again whole (deploy/k8s/README.md). Apply it, as every migration, with the job stopped (README
-- "Upgrading"): an insert between a view's creation and its copy would be counted twice, or, if it
-- came before the copy, the copy would see a table no longer empty and skip.
CREATE TABLE IF NOT EXISTS chuanbo.article_day
(
    day             Date,
    article_id      String,
    office          LowCardinality(String),
    channel         LowCardinality(String),
    events          SimpleAggregateFunction(sum, UInt64),
    views           SimpleAggregateFunction(sum, UInt64),
    shares          SimpleAggregateFunction(sum, UInt64),
    reposts         SimpleAggregateFunction(sum, UInt64),
    likes           SimpleAggregateFunction(sum, UInt64),
    comments        SimpleAggregateFunction(sum, UInt64),
    engaged_ms_sum  SimpleAggregateFunction(sum, UInt64),
    engaged_count   SimpleAggregateFunction(sum, UInt64),
    late_events     SimpleAggregateFunction(sum, UInt64),
    max_lag_ms      SimpleAggregateFunction(max, Int64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (day, office, channel, article_id)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS chuanbo.article_day_mv TO chuanbo.article_day AS
SELECT
    toDate(e.event_time)                                                         AS day,
    e.article_id                                                                 AS article_id,
    e.office                                                                     AS office,
    e.channel                                                                    AS channel,
    count()                                                                      AS events,
    countIf(e.event_type = 'VIEW')                                               AS views,
    countIf(e.event_type = 'SHARE')                                              AS shares,
    countIf(e.event_type = 'REPOST')                                             AS reposts,
    countIf(e.event_type = 'LIKE')                                               AS likes,
    countIf(e.event_type = 'COMMENT')                                            AS comments,
    sumIf(assumeNotNull(e.duration_ms), e.event_type = 'VIEW' AND e.duration_ms IS NOT NULL) AS engaged_ms_sum,
    countIf(e.event_type = 'VIEW' AND e.duration_ms IS NOT NULL)                 AS engaged_count,
    countIf(e.ingested_at > e.event_time + INTERVAL 1 HOUR)                      AS late_events,
    max(toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time)) AS max_lag_ms
FROM chuanbo.events AS e
GROUP BY day, article_id, office, channel;

INSERT INTO chuanbo.article_day
SELECT
    toDate(e.event_time)                                                         AS day,
    e.article_id                                                                 AS article_id,
    e.office                                                                     AS office,
    e.channel                                                                    AS channel,
    count()                                                                      AS events,
    countIf(e.event_type = 'VIEW')                                               AS views,
    countIf(e.event_type = 'SHARE')                                              AS shares,
    countIf(e.event_type = 'REPOST')                                             AS reposts,
    countIf(e.event_type = 'LIKE')                                               AS likes,
    countIf(e.event_type = 'COMMENT')                                            AS comments,
    sumIf(assumeNotNull(e.duration_ms), e.event_type = 'VIEW' AND e.duration_ms IS NOT NULL) AS engaged_ms_sum,
    countIf(e.event_type = 'VIEW' AND e.duration_ms IS NOT NULL)                 AS engaged_count,
    countIf(e.ingested_at > e.event_time + INTERVAL 1 HOUR)                      AS late_events,
    max(toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time)) AS max_lag_ms
FROM chuanbo.events AS e
WHERE (SELECT count() FROM chuanbo.article_day) = 0
GROUP BY day, article_id, office, channel;

-- The same counts per Shanghai hour, read for the whole hours of a period's partial first and last
-- days only (about 1.3 million rows for the bench's month: too many to read for a month).
CREATE TABLE IF NOT EXISTS chuanbo.article_hour
(
    hour            DateTime('Asia/Shanghai'),
    article_id      String,
    office          LowCardinality(String),
    channel         LowCardinality(String),
    events          SimpleAggregateFunction(sum, UInt64),
    views           SimpleAggregateFunction(sum, UInt64),
    shares          SimpleAggregateFunction(sum, UInt64),
    reposts         SimpleAggregateFunction(sum, UInt64),
    likes           SimpleAggregateFunction(sum, UInt64),
    comments        SimpleAggregateFunction(sum, UInt64),
    engaged_ms_sum  SimpleAggregateFunction(sum, UInt64),
    engaged_count   SimpleAggregateFunction(sum, UInt64),
    late_events     SimpleAggregateFunction(sum, UInt64),
    max_lag_ms      SimpleAggregateFunction(max, Int64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (hour, office, channel, article_id)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS chuanbo.article_hour_mv TO chuanbo.article_hour AS
SELECT
    toStartOfHour(e.event_time)                                                  AS hour,
    e.article_id                                                                 AS article_id,
    e.office                                                                     AS office,
    e.channel                                                                    AS channel,
    count()                                                                      AS events,
    countIf(e.event_type = 'VIEW')                                               AS views,
    countIf(e.event_type = 'SHARE')                                              AS shares,
    countIf(e.event_type = 'REPOST')                                             AS reposts,
    countIf(e.event_type = 'LIKE')                                               AS likes,
    countIf(e.event_type = 'COMMENT')                                            AS comments,
    sumIf(assumeNotNull(e.duration_ms), e.event_type = 'VIEW' AND e.duration_ms IS NOT NULL) AS engaged_ms_sum,
    countIf(e.event_type = 'VIEW' AND e.duration_ms IS NOT NULL)                 AS engaged_count,
    countIf(e.ingested_at > e.event_time + INTERVAL 1 HOUR)                      AS late_events,
    max(toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time)) AS max_lag_ms
FROM chuanbo.events AS e
GROUP BY hour, article_id, office, channel;

INSERT INTO chuanbo.article_hour
SELECT
    toStartOfHour(e.event_time)                                                  AS hour,
    e.article_id                                                                 AS article_id,
    e.office                                                                     AS office,
    e.channel                                                                    AS channel,
    count()                                                                      AS events,
    countIf(e.event_type = 'VIEW')                                               AS views,
    countIf(e.event_type = 'SHARE')                                              AS shares,
    countIf(e.event_type = 'REPOST')                                             AS reposts,
    countIf(e.event_type = 'LIKE')                                               AS likes,
    countIf(e.event_type = 'COMMENT')                                            AS comments,
    sumIf(assumeNotNull(e.duration_ms), e.event_type = 'VIEW' AND e.duration_ms IS NOT NULL) AS engaged_ms_sum,
    countIf(e.event_type = 'VIEW' AND e.duration_ms IS NOT NULL)                 AS engaged_count,
    countIf(e.ingested_at > e.event_time + INTERVAL 1 HOUR)                      AS late_events,
    max(toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time)) AS max_lag_ms
FROM chuanbo.events AS e
WHERE (SELECT count() FROM chuanbo.article_hour) = 0
GROUP BY hour, article_id, office, channel;
