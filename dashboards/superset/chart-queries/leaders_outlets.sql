-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)
-- generates for the chart 「本月转载最多的媒体」
-- (leaders_outlets, dataset outlet_reposts) from its saved query context,
-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,
-- no row-level security clause (an editor's query adds office = '<office>').
-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs
-- from this file. Regenerate:
--   nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true
SELECT `outlet` AS `outlet`, SUM(reposts) AS `total_reposts` 
FROM (-- 转载媒体: REPOST events per Shanghai day, office and outlet over the last 31 days (and the whole
-- month when it started earlier), for "the outlets that reposted
-- most". this_month is 1 on the days of the current Shanghai month.
WITH
    toDate(now(), 'Asia/Shanghai')                   AS today_sh,
    least(today_sh - 30, toStartOfMonth(today_sh))   AS first_day
SELECT
    toDate(e.event_time)                                             AS day,
    toUInt8(toStartOfMonth(day) = toStartOfMonth(today_sh))          AS this_month,
    e.office                                                         AS office,
    coalesce(e.outlet, '（未注明）')                                  AS outlet,
    count()                                                          AS reposts
FROM chuanbo.events AS e
WHERE e.event_type = 'REPOST'
  AND e.event_time >= toDateTime64(first_day, 3, 'Asia/Shanghai')
  AND e.event_time < toDateTime64(today_sh + 1, 3, 'Asia/Shanghai')
GROUP BY day, office, outlet
) AS `virtual_table` 
WHERE ((this_month = 1)) GROUP BY `outlet` ORDER BY `total_reposts` DESC
 LIMIT 10;
