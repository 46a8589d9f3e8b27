-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)
-- generates for the chart 「分渠道每小时阅读/播放量」
-- (article_by_channel, dataset article_minutes) from its saved query context,
-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,
-- no row-level security clause (an editor's query adds office = '<office>').
-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs
-- from this file. Regenerate:
--   nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true
SELECT toStartOfHour(toDateTime(`minute`)) AS `minute`, `channel_name` AS `channel_name`, SUM(views) AS `total_views` 
FROM (-- 稿件传播 over time: per piece, channel and minute, the counts of chuanbo.article_minute (additive
-- rows, so sum() is exact). minute is the Shanghai wall-clock time as a DateTime without zone, the
-- way Superset shows it as is (chDB hands a zoned DateTime to clients as UTC).
SELECT
    m.article_id                                                        AS article_id,
    concat(coalesce(a.title, '（未知稿件）'), '（', m.article_id, '）')  AS article,
    coalesce(a.office, 'unknown')                                       AS office,
    toDateTime(toString(m.minute), 'UTC')                               AS minute,
    m.channel                                                           AS channel,
    coalesce(ch.name, m.channel)                                        AS channel_name,
    m.views                                                             AS views,
    m.shares                                                            AS shares,
    m.reposts                                                           AS reposts,
    m.likes + m.comments + m.shares + m.reposts                         AS engagements
FROM chuanbo.article_minute AS m
LEFT JOIN chuanbo.articles AS a ON a.article_id = m.article_id
LEFT JOIN (SELECT code, any(name) AS name FROM chuanbo.channels GROUP BY code) AS ch ON ch.code = m.channel
SETTINGS join_use_nulls = 1
) AS `virtual_table` GROUP BY `minute`, `channel_name` ORDER BY `total_views` DESC
 LIMIT 10000;
