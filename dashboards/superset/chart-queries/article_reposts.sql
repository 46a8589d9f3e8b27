-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)
-- generates for the chart 「转载记录」
-- (article_reposts, dataset article_reposts) from its saved query context,
-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,
-- no row-level security clause (an editor's query adds office = '<office>').
-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs
-- from this file. Regenerate:
--   nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true
SELECT `reposted_at` AS `reposted_at`, `outlet` AS `outlet`, `channel_name` AS `channel_name` 
FROM (-- 转载记录: every REPOST of a piece, with the outlet, the channel it was reposted from and the
-- Shanghai time, newest first in the chart.
SELECT
    e.article_id                                                        AS article_id,
    concat(coalesce(a.title, '（未知稿件）'), '（', e.article_id, '）')  AS article,
    e.office                                                            AS office,
    coalesce(e.outlet, '（未注明）')                                     AS outlet,
    coalesce(ch.name, e.channel)                                        AS channel_name,
    formatDateTime(e.event_time, '%Y-%m-%d %H:%i:%S', 'Asia/Shanghai')  AS reposted_at
FROM chuanbo.events AS e
LEFT JOIN chuanbo.articles AS a ON a.article_id = e.article_id
LEFT JOIN (SELECT code, any(name) AS name FROM chuanbo.channels GROUP BY code) AS ch ON ch.code = e.channel
WHERE e.event_type = 'REPOST'
SETTINGS join_use_nulls = 1
) AS `virtual_table` GROUP BY `reposted_at`, `outlet`, `channel_name` ORDER BY `reposted_at` DESC
 LIMIT 200;
