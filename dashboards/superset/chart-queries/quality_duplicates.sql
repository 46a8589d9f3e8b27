-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)
-- generates for the chart 「重复投递（已去重）」
-- (quality_duplicates, dataset ingest_rejects) from its saved query context,
-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,
-- no row-level security clause (the dataset has no office column).
-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs
-- from this file. Regenerate:
--   nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true
SELECT SUM(records) AS `total_records` 
FROM (-- 数据质量, what was refused: per minute (when the record reached Kafka, Shanghai wall clock as a
-- DateTime without zone) over the last 24 hours, the records the job rejected by topic and reason
-- (they went to the dead-letter topic chuanbo.events.dlq with that reason) and the duplicate
-- deliveries of an event it had already counted (outcome 'duplicate'), from
-- chuanbo.ingest_quality_minute (additive rows, so sum() is exact).
WITH now('Asia/Shanghai') AS now_sh
SELECT
    toDateTime(toString(q.minute), 'UTC')   AS minute,
    q.topic                                 AS topic,
    q.outcome                               AS outcome,
    q.reason                                AS reason,
    sum(q.records)                          AS records
FROM chuanbo.ingest_quality_minute AS q
WHERE q.minute > now_sh - INTERVAL 24 HOUR
GROUP BY minute, topic, outcome, reason
) AS `virtual_table` 
WHERE ((outcome = 'duplicate'))
 LIMIT 1;
