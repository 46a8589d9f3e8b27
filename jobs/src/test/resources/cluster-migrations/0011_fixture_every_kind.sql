-- A migration as a later one might look: a new column, a sharded table with its materialized view,
-- a small lookup table, a view and reference rows. ClusterMigrationsTest appends it to the real
-- migrations and checks the cluster form of each statement.
ALTER TABLE chuanbo.events ADD COLUMN IF NOT EXISTS campaign LowCardinality(String) DEFAULT '';

CREATE TABLE IF NOT EXISTS chuanbo.campaign_daily
(
    day         Date,
    article_id  String,
    campaign    LowCardinality(String),
    views       UInt64
)
ENGINE = SummingMergeTree(views)
PARTITION BY toYYYYMM(day)
ORDER BY (day, article_id, campaign)
SETTINGS non_replicated_deduplication_window = 500;

CREATE MATERIALIZED VIEW IF NOT EXISTS chuanbo.campaign_daily_mv TO chuanbo.campaign_daily AS
SELECT toDate(e.event_time) AS day, e.article_id AS article_id, e.campaign AS campaign, count() AS views
FROM chuanbo.events AS e
WHERE e.event_type = 'VIEW' AND e.attributes['note'] != 'chuanbo.events'
GROUP BY day, article_id, campaign;

CREATE TABLE IF NOT EXISTS chuanbo.campaigns
(
    code  LowCardinality(String),
    name  String
)
ENGINE = ReplacingMergeTree
ORDER BY code;

ALTER TABLE chuanbo.campaigns ADD COLUMN IF NOT EXISTS starts Date;

CREATE VIEW IF NOT EXISTS chuanbo.campaign_views AS
SELECT d.campaign AS campaign, sum(d.views) AS views
FROM chuanbo.campaign_daily AS d
GROUP BY d.campaign;

INSERT INTO chuanbo.campaigns (code, name) VALUES ('party-day', '主题党日');
