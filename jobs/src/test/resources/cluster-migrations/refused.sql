-- Statements that have no cluster form. ClusterMigrationsTest puts each, alone, in a migration after
-- the real ones and expects it refused with the file's name and the words after "expect:".

-- expect: only non-replicated *MergeTree engines have a cluster form, not Memory
CREATE TABLE IF NOT EXISTS chuanbo.scratch (article_id String) ENGINE = Memory;

-- expect: not ReplicatedMergeTree
CREATE TABLE IF NOT EXISTS chuanbo.scratch (article_id String)
ENGINE = ReplicatedMergeTree('/x', 'y') ORDER BY article_id;

-- expect: it must sort by article_id too
CREATE TABLE IF NOT EXISTS chuanbo.latest_titles (article_id String, title String, at DateTime)
ENGINE = ReplacingMergeTree(at) ORDER BY title;

-- expect: expected the column list after the name
CREATE TABLE IF NOT EXISTS chuanbo.events_copy AS chuanbo.events;

-- expect: a materialized view needs TO <table>
CREATE MATERIALIZED VIEW IF NOT EXISTS chuanbo.views_mv ENGINE = SummingMergeTree ORDER BY article_id AS
SELECT article_id, count() AS views FROM chuanbo.events GROUP BY article_id;

-- expect: its target chuanbo.offices must be a sharded table
CREATE MATERIALIZED VIEW IF NOT EXISTS chuanbo.offices_mv TO chuanbo.offices AS
SELECT e.office AS code, '' AS name, '' AS level FROM chuanbo.events AS e;

-- expect: chuanbo.nowhere is not created by this or an earlier migration
INSERT INTO chuanbo.nowhere (a) VALUES (1);

-- expect: database elsewhere is not created by this or an earlier migration
CREATE TABLE IF NOT EXISTS elsewhere.t (article_id String) ENGINE = MergeTree ORDER BY article_id;

-- expect: this one needs a decision: MODIFY TTL
ALTER TABLE chuanbo.events MODIFY TTL toDateTime(event_time) + INTERVAL 1 YEAR;

-- expect: no cluster form for this kind of statement
DROP TABLE IF EXISTS chuanbo.article_minute;

-- expect: no cluster form for this kind of statement
CREATE FUNCTION chuanbo_double AS (x) -> x * 2;
