-- Reach per Shanghai day, article, office and channel, kept as uniqExact states: a period's reach
-- is uniqExactMerge over its days, which is the exact number of distinct people (a union of sets,
-- never a sum of daily counts). Filled by a materialized view on every insert into events; a
-- retried insert that events drops as a duplicate (same insert_deduplication_token) is not passed
-- to the view either. Existing events are copied in once: merging a state twice changes nothing.
CREATE TABLE IF NOT EXISTS chuanbo.reach_daily
(
    day         Date,
    article_id  String,
    office      LowCardinality(String),
    channel     LowCardinality(String),
    viewers     AggregateFunction(uniqExact, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (day, office, channel, article_id)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS chuanbo.reach_daily_mv TO chuanbo.reach_daily AS
SELECT
    toDate(e.event_time)        AS day,
    e.article_id                AS article_id,
    e.office                    AS office,
    e.channel                   AS channel,
    uniqExactState(e.reach_key) AS viewers
FROM chuanbo.events AS e
WHERE e.event_type = 'VIEW'
GROUP BY day, article_id, office, channel;

INSERT INTO chuanbo.reach_daily
SELECT
    toDate(e.event_time)        AS day,
    e.article_id                AS article_id,
    e.office                    AS office,
    e.channel                   AS channel,
    uniqExactState(e.reach_key) AS viewers
FROM chuanbo.events AS e
WHERE e.event_type = 'VIEW'
GROUP BY day, article_id, office, channel;
