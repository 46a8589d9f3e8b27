-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)
-- generates for the chart 「传播力指数（DI）」
-- (article_di, dataset top_pieces) from its saved query context,
-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,
-- no row-level security clause (an editor's query adds office = '<office>').
-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs
-- from this file. Regenerate:
--   nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true
SELECT MAX(di) AS `max_di` 
FROM (-- 稿件排行: one row per piece with its spread as the job last computed it (chuanbo.article_spread:
-- views are effective — the greater of counted events and the platform's report per channel and
-- day — and reach is exact up to the sketch bound, see schemas/clickhouse/README.md), its title,
-- office and publication time. recent is 1 for pieces published in the last 30 days (Shanghai),
-- which the leaders' top 10 ranks by DI. article is the label the article dashboard's filter lists.
SELECT
    s.article_id                                           AS article_id,
    concat(coalesce(a.title, '（未知稿件）'), '（', s.article_id, '）') AS article,
    coalesce(a.title, '（未知稿件）')                        AS title,
    s.office                                               AS office,
    coalesce(o.name, s.office)                             AS office_name,
    formatDateTime(a.published_at, '%Y-%m-%d %H:%i', 'Asia/Shanghai') AS published,
    toUInt8(a.published_at >= now64(3, 'Asia/Shanghai') - INTERVAL 30 DAY) AS recent,
    s.di                                                   AS di,
    s.views                                                AS views,
    s.reach                                                AS reach,
    s.shares                                               AS shares,
    s.reposts                                              AS reposts,
    s.engagements                                          AS engagements,
    s.outlets                                              AS outlets,
    s.max_depth                                            AS max_depth,
    s.structural_virality                                  AS structural_virality,
    s.channels                                             AS channels,
    s.direct_views                                         AS direct_views,
    s.via_share_views                                      AS via_share_views
FROM chuanbo.article_spread AS s
LEFT JOIN chuanbo.articles AS a ON a.article_id = s.article_id
LEFT JOIN (SELECT code, any(name) AS name FROM chuanbo.offices GROUP BY code) AS o ON o.code = s.office
SETTINGS join_use_nulls = 1
) AS `virtual_table`
 LIMIT 1;
