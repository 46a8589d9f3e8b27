-- 领导驾驶舱 KPI: today, this week (from Monday) and this month so far, in Asia/Shanghai, each against
-- the same span of the period before (yesterday until this time of day, last week until this
-- weekday and time, last month until this day and time, or its end when shorter). One row per
-- period and office, every office present even without events, so the dashboard shows 0 rather
-- than nothing. Counts are VIEW / SHARE / REPOST events of chuanbo.events; reach is kept as
-- uniqExact states (viewers, viewers_prev), so a chart's uniqExactMerge over offices counts each
-- person once, as DOMAIN.md defines reach — never a sum of the offices' reach.
WITH
    now64(3, 'Asia/Shanghai')                                      AS now_sh,
    toDateTime64(toStartOfDay(now_sh), 3, 'Asia/Shanghai')         AS day_start,
    toDateTime64(toMonday(now_sh), 3, 'Asia/Shanghai')             AS week_start,
    toDateTime64(toStartOfMonth(now_sh), 3, 'Asia/Shanghai')       AS month_start,
    [
        ('today', '今日', 1, day_start,   day_start - INTERVAL 1 DAY,   now_sh - INTERVAL 1 DAY),
        ('week',  '本周', 2, week_start,  week_start - INTERVAL 7 DAY,  now_sh - INTERVAL 7 DAY),
        ('month', '本月', 3, month_start, month_start - INTERVAL 1 MONTH,
                  least(now_sh - INTERVAL 1 MONTH, month_start))
    ] AS windows,
    counted AS (
        WITH e.event_time >= w.4 AS current
        SELECT
            w.1                                                                          AS period,
            e.office                                                                     AS office,
            countIf(e.event_type = 'VIEW' AND current)                                   AS views,
            countIf(e.event_type = 'VIEW' AND NOT current)                               AS views_prev,
            uniqExactStateIf(e.reach_key, e.event_type = 'VIEW' AND current)             AS viewers,
            uniqExactStateIf(e.reach_key, e.event_type = 'VIEW' AND NOT current)         AS viewers_prev,
            countIf(e.event_type = 'SHARE' AND current)                                  AS shares,
            countIf(e.event_type = 'SHARE' AND NOT current)                              AS shares_prev,
            countIf(e.event_type = 'REPOST' AND current)                                 AS reposts,
            countIf(e.event_type = 'REPOST' AND NOT current)                             AS reposts_prev,
            countIf(e.event_type IN ('LIKE', 'COMMENT', 'SHARE', 'REPOST') AND current)     AS engagements,
            countIf(e.event_type IN ('LIKE', 'COMMENT', 'SHARE', 'REPOST') AND NOT current) AS engagements_prev
        FROM chuanbo.events AS e
        ARRAY JOIN windows AS w
        WHERE e.event_time >= month_start - INTERVAL 1 MONTH
          AND e.event_time < now_sh
          AND ((e.event_time >= w.4 AND e.event_time < now_sh) OR (e.event_time >= w.5 AND e.event_time < w.6))
        GROUP BY period, office
    ),
    cells AS (
        SELECT w.1 AS period, w.2 AS period_name, w.3 AS period_order, o.code AS office, o.name AS office_name
        FROM (SELECT code, any(name) AS name FROM chuanbo.offices GROUP BY code) AS o
        ARRAY JOIN windows AS w
    )
SELECT
    c.period            AS period,
    c.period_name       AS period_name,
    c.period_order      AS period_order,
    c.office            AS office,
    c.office_name       AS office_name,
    k.views             AS views,
    k.views_prev        AS views_prev,
    k.viewers           AS viewers,
    k.viewers_prev      AS viewers_prev,
    k.shares            AS shares,
    k.shares_prev       AS shares_prev,
    k.reposts           AS reposts,
    k.reposts_prev      AS reposts_prev,
    k.engagements       AS engagements,
    k.engagements_prev  AS engagements_prev
FROM cells AS c
LEFT JOIN counted AS k ON k.period = c.period AND k.office = c.office
