-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)
-- generates for the chart 「每分钟入库与迟到事件」
-- (quality_per_minute, dataset ingest_minutes) from its saved query context,
-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,
-- no row-level security clause (an editor's query adds office = '<office>').
-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs
-- from this file. Regenerate:
--   nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true
SELECT toStartOfMinute(toDateTime(`minute`)) AS `minute`, SUM(events) AS `total_events`, SUM(late_events) AS `total_late_events` 
FROM (-- 数据质量, what arrived: per minute of arrival in ClickHouse (ingested_at, Shanghai wall clock as a
-- DateTime without zone) over the last 24 hours, the events accepted, those stored more than an
-- hour after they happened (late: a report run before they arrived missed them, as in the monthly
-- report's quality section), and the delay from event time to storage (lag_ms_max, and lag_ms_sum
-- with events for the mean).
-- Counted in chuanbo.ingest_minute (0013_ingest_minute.sql: the same counts per ingest minute,
-- office and ingested_at, sorted by the minute), not in chuanbo.events: events is sorted by article,
-- so every chart of this dataset read every event ever stored to find the last day's. The minutes
-- bound the read through the primary key; ingested_at itself keeps the window's first, partial
-- minute exact. Its rows are additive: summed (the largest lag: max) per minute and office.
-- The groups alone are turned into wall-clock text: converting every row's time through text took
-- most of the time when the rows were events.
WITH now64(3, 'Asia/Shanghai') AS now_sh
SELECT
    toDateTime(toString(g.zoned_minute), 'UTC')                                         AS minute,
    g.office                                                                            AS office,
    g.events                                                                            AS events,
    g.late_events                                                                       AS late_events,
    g.lag_ms_sum                                                                        AS lag_ms_sum,
    g.lag_ms_max                                                                        AS lag_ms_max
FROM
(
    SELECT
        m.minute                                                                        AS zoned_minute,
        m.office                                                                        AS office,
        sum(m.events)                                                                   AS events,
        sum(m.late_events)                                                              AS late_events,
        sum(m.lag_ms_sum)                                                               AS lag_ms_sum,
        -- toInt64: max() of the column keeps its type, SimpleAggregateFunction(max, Int64).
        max(toInt64(m.lag_ms_max))                                                      AS lag_ms_max
    FROM chuanbo.ingest_minute AS m
    WHERE m.minute >= toStartOfMinute(now_sh - INTERVAL 24 HOUR)
      AND m.ingested_at > now_sh - INTERVAL 24 HOUR
    GROUP BY zoned_minute, office
) AS g
) AS `virtual_table` GROUP BY `minute` ORDER BY `total_events` DESC
 LIMIT 10000;
