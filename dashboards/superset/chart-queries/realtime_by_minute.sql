-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)
-- generates for the chart 「近60分钟每分钟」
-- (realtime_by_minute, dataset realtime_minutes) from its saved query context,
-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,
-- no row-level security clause (an editor's query adds office = '<office>').
-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs
-- from this file. Regenerate:
--   nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true
SELECT toStartOfMinute(toDateTime(`minute`)) AS `minute`, SUM(views) AS `total_views`, SUM(shares) AS `total_shares`, SUM(engagements) AS `total_engagements` 
FROM (-- 实时热度: the last 60 minutes per minute, office and channel, from chuanbo.article_minute (the job
-- writes a minute's early counts within seconds, then corrections; rows are additive). minute is
-- the Shanghai wall-clock time as a DateTime without zone, the way Superset shows it as is.
WITH now('Asia/Shanghai') AS now_sh
SELECT
    toDateTime(toString(m.minute), 'UTC')          AS minute,
    coalesce(a.office, 'unknown')                  AS office,
    m.channel                                      AS channel,
    coalesce(ch.name, m.channel)                   AS channel_name,
    sum(m.views)                                   AS views,
    sum(m.shares)                                  AS shares,
    sum(m.reposts)                                 AS reposts,
    sum(m.likes + m.comments + m.shares + m.reposts) AS engagements
FROM chuanbo.article_minute AS m
LEFT JOIN chuanbo.articles AS a ON a.article_id = m.article_id
LEFT JOIN (SELECT code, any(name) AS name FROM chuanbo.channels GROUP BY code) AS ch ON ch.code = m.channel
WHERE m.minute > now_sh - INTERVAL 60 MINUTE AND m.minute <= now_sh
GROUP BY minute, office, channel, channel_name
SETTINGS join_use_nulls = 1
) AS `virtual_table` GROUP BY `minute` ORDER BY `total_views` DESC
 LIMIT 10000;
