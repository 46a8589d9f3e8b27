-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)
-- generates for the chart 「最大入库延迟（秒）」
-- (quality_max_lag, dataset ingest_minutes) from its saved query context,
-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,
-- no row-level security clause (an editor's query adds office = '<office>').
-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs
-- from this file. Regenerate:
--   nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true
SELECT MAX(lag_ms_max) / 1000 AS `lag_max_s` 
FROM (-- 数据质量, what arrived: per minute of arrival in ClickHouse (ingested_at, Shanghai wall clock as a
-- DateTime without zone) over the last 24 hours, the events accepted, those stored more than an
-- hour after they happened (late: a report run before they arrived missed them, as in the monthly
-- report's quality section), and the delay from event time to storage (lag_ms_max, and lag_ms_sum
-- with events for the mean).
-- The events are grouped by their zoned minute first and only the groups turned into wall-clock
-- text: converting every event's time through text took most of the query's time.
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
        toStartOfMinute(e.ingested_at)                                                  AS zoned_minute,
        e.office                                                                        AS office,
        count()                                                                         AS events,
        countIf(e.ingested_at > e.event_time + INTERVAL 1 HOUR)                          AS late_events,
        sum(greatest(0, toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time))) AS lag_ms_sum,
        max(greatest(0, toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time))) AS lag_ms_max
    FROM chuanbo.events AS e
    WHERE e.ingested_at > now_sh - INTERVAL 24 HOUR
    GROUP BY zoned_minute, office
) AS g
) AS `virtual_table`
 LIMIT 1;
