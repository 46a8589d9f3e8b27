-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)
-- generates for the chart 「本月单位排行」
-- (leaders_offices, dataset daily_spread) from its saved query context,
-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,
-- no row-level security clause (an editor's query adds office = '<office>').
-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs
-- from this file. Regenerate:
--   nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true
SELECT `office_name` AS `office_name`, SUM(views) AS `total_views`, uniqExactMerge(viewers) AS `total_reach`, SUM(shares) AS `total_shares`, SUM(reposts) AS `total_reposts`, SUM(engagements) / nullIf(SUM(views), 0) AS `engagement_rate` 
FROM (-- 每日传播: per Shanghai day, office and channel over the last 31 days (and the whole month when it
-- started earlier): views, shares, reposts, likes, comments and engagements, and reach as a
-- uniqExact state merged from chuanbo.reach_daily, so a chart's uniqExactMerge over any days,
-- offices or channels counts each person once. this_month is 1 on the days of the current Shanghai
-- month, which the channel mix and the office ranking show.
-- The counts are chuanbo.events' counts, summed per day in chuanbo.article_day (0012_article_day.sql):
-- the span is whole days up to the end of today, so the day rows give exactly what counting a month
-- of events row by row gave, in a fraction of the time.
WITH
    toDate(now(), 'Asia/Shanghai')                   AS today_sh,
    least(today_sh - 30, toStartOfMonth(today_sh))   AS first_day,
    counts AS (
        SELECT
            d.day                                                                AS day,
            d.office                                                             AS office,
            d.channel                                                            AS channel,
            sum(d.views)                                                         AS views,
            sum(d.shares)                                                        AS shares,
            sum(d.reposts)                                                       AS reposts,
            sum(d.likes)                                                         AS likes,
            sum(d.comments)                                                      AS comments,
            sum(d.likes + d.comments + d.shares + d.reposts)                     AS engagements
        FROM chuanbo.article_day AS d
        WHERE d.day BETWEEN first_day AND today_sh
        GROUP BY day, office, channel
    ),
    reach AS (
        SELECT r.day AS day, r.office AS office, r.channel AS channel,
               uniqExactMergeState(r.viewers) AS viewers
        FROM chuanbo.reach_daily AS r
        WHERE r.day BETWEEN first_day AND today_sh
        GROUP BY day, office, channel
    ),
    office_names AS (SELECT code, any(name) AS name FROM chuanbo.offices GROUP BY code),
    channel_names AS (SELECT code, any(name) AS name FROM chuanbo.channels GROUP BY code)
SELECT
    c.day                                           AS day,
    toUInt8(toStartOfMonth(c.day) = toStartOfMonth(today_sh)) AS this_month,
    c.office                                        AS office,
    if(o.name = '', c.office, o.name)               AS office_name,
    c.channel                                       AS channel,
    if(ch.name = '', c.channel, ch.name)            AS channel_name,
    c.views                                         AS views,
    c.shares                                        AS shares,
    c.reposts                                       AS reposts,
    c.likes                                         AS likes,
    c.comments                                      AS comments,
    c.engagements                                   AS engagements,
    r.viewers                                       AS viewers
FROM counts AS c
LEFT JOIN reach AS r ON r.day = c.day AND r.office = c.office AND r.channel = c.channel
LEFT JOIN office_names AS o ON o.code = c.office
LEFT JOIN channel_names AS ch ON ch.code = c.channel
) AS `virtual_table` 
WHERE ((this_month = 1)) GROUP BY `office_name` ORDER BY `total_views` DESC
 LIMIT 10;
