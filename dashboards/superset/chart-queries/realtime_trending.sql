-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)
-- generates for the chart 「上升最快的稿件（近15分钟比前15分钟）」
-- (realtime_trending, dataset trending) from its saved query context,
-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,
-- no row-level security clause (an editor's query adds office = '<office>').
-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs
-- from this file. Regenerate:
--   nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true
SELECT `office_name` AS `office_name`, `rank` AS `rank`, `title` AS `title`, `views_15m` AS `views_15m`, `views_prev_15m` AS `views_prev_15m`, `rise_15m` AS `rise_15m`, `views_60m` AS `views_60m`, `rise_60m` AS `rise_60m` 
FROM (-- Which pieces are rising fastest right now, per office (上升最快的稿件): views in the last 15
-- minutes against the 15 before, and in the last 60 against the 60 before, from
-- chuanbo.article_minute (all channels). Only pieces whose views rose over the last 15 minutes are
-- listed, the steepest rise first, at most {per_office} per office; ties go to the piece with more
-- views in the last 15 minutes, then to the smaller article_id, so the order is stable.
-- A window "the last 15 minutes" holds the 15 minutes up to and including the one {now} falls in;
-- minutes after {now} are ignored. ratio_* is NULL when the window before had no views.
-- Parameters: now('Asia/Shanghai') (dashboards pass the current time, now(); tests a
-- fixed time), '' (office code, '' = all offices), 10 (e.g. 10).
-- Refreshed every 10 s: the minute filter comes first, so only the last two hours' partition(s)
-- and granules of article_minute are read; the rest works on one row per active piece.
WITH
    windows AS (
        SELECT
            m.article_id AS article_id,
            sumIf(m.views, m.minute > now('Asia/Shanghai') - INTERVAL 15 MINUTE)  AS views_15m,
            sumIf(m.views, m.minute <= now('Asia/Shanghai') - INTERVAL 15 MINUTE
                       AND m.minute > now('Asia/Shanghai') - INTERVAL 30 MINUTE)  AS views_prev_15m,
            sumIf(m.views, m.minute > now('Asia/Shanghai') - INTERVAL 60 MINUTE)  AS views_60m,
            sumIf(m.views, m.minute <= now('Asia/Shanghai') - INTERVAL 60 MINUTE) AS views_prev_60m
        FROM chuanbo.article_minute AS m
        WHERE m.minute > now('Asia/Shanghai') - INTERVAL 120 MINUTE
          AND m.minute <= now('Asia/Shanghai')
        GROUP BY m.article_id
        HAVING views_15m > views_prev_15m
    ),
    listed AS (
        SELECT
            w.article_id                                        AS article_id,
            coalesce(a.title, '（未知稿件）')                     AS title,
            coalesce(a.office, 'unknown')                       AS office,
            w.views_15m                                         AS views_15m,
            w.views_prev_15m                                    AS views_prev_15m,
            toInt64(w.views_15m) - toInt64(w.views_prev_15m)    AS rise_15m,
            if(w.views_prev_15m = 0, NULL, round(w.views_15m / w.views_prev_15m, 2)) AS ratio_15m,
            w.views_60m                                         AS views_60m,
            w.views_prev_60m                                    AS views_prev_60m,
            toInt64(w.views_60m) - toInt64(w.views_prev_60m)    AS rise_60m,
            if(w.views_prev_60m = 0, NULL, round(w.views_60m / w.views_prev_60m, 2)) AS ratio_60m
        FROM windows AS w
        LEFT JOIN chuanbo.articles AS a ON a.article_id = w.article_id
        WHERE '' = '' OR coalesce(a.office, 'unknown') = ''
    )
SELECT
    l.office                                                                   AS office,
    coalesce(o.name, l.office)                                                 AS office_name,
    row_number() OVER (PARTITION BY l.office
                       ORDER BY l.rise_15m DESC, l.views_15m DESC, l.article_id) AS rank,
    l.article_id                                                               AS article_id,
    l.title                                                                    AS title,
    l.views_15m                                                                AS views_15m,
    l.views_prev_15m                                                           AS views_prev_15m,
    l.rise_15m                                                                 AS rise_15m,
    l.ratio_15m                                                                AS ratio_15m,
    l.views_60m                                                                AS views_60m,
    l.views_prev_60m                                                           AS views_prev_60m,
    l.rise_60m                                                                 AS rise_60m,
    l.ratio_60m                                                                AS ratio_60m
FROM listed AS l
LEFT JOIN chuanbo.offices AS o ON o.code = l.office
ORDER BY office, rank
LIMIT 10 BY office
SETTINGS join_use_nulls = 1
) AS `virtual_table` GROUP BY `office_name`, `rank`, `title`, `views_15m`, `views_prev_15m`, `rise_15m`, `views_60m`, `rise_60m` ORDER BY `rise_15m` DESC
 LIMIT 60;
