-- 领导驾驶舱 KPI: today, this week (from Monday) and this month so far, in Asia/Shanghai, each against
-- the same span of the period before (yesterday until this time of day, last week until this
-- weekday and time, last month until this day and time, or its end when shorter). One row per
-- period and office, every office present even without events, so the dashboard shows 0 rather
-- than nothing.
-- Counts are the VIEW / SHARE / REPOST (and, for engagements, LIKE / COMMENT) events of
-- chuanbo.events, taken where they are cheapest and still exact, as dashboards/queries/reach_period.sql
-- takes them: a span's whole days from chuanbo.article_day, the whole hours of its partial days from
-- chuanbo.article_hour (0012_article_day.sql), and only its partial hours event by event, from
-- chuanbo.events_by_time (0014_events_by_time.sql: the same events sorted by time, which skips to
-- those hours; events, sorted by article, read about seven tenths of itself for them, most of a
-- "today" chart's time). Counting two months of events row by row took seconds.
-- Reach is kept as uniqExact states (viewers, viewers_prev), so a chart's uniqExactMerge over
-- offices counts each person once, as DOMAIN.md defines reach — never a sum of the offices' reach.
-- The states are built from chuanbo.reach_viewers (and, for today, chuanbo.events_by_time, holding
-- the same), whose viewer is reach_key's sipHash128, the very hash uniqExact(reach_key) keeps
-- (0011_reach_viewers.sql): the counts are those of
-- uniqExact(reach_key) over the VIEW events, without hashing two months of reach_key strings
-- again. Hence the states' type, AggregateFunction(uniqExact, UInt128).
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
    -- Every span counted: (period, current, from, to) with from and to as in windows (the current
    -- span ends now; the period before ends where windows says), then the span's whole days
    -- [whole_from, whole_to) and whole hours [hours_from, hours_to), either empty when the span is
    -- shorter than one, exactly as in reach_period.sql.
    arrayMap(s -> (s.1, s.2, s.3, s.4,
                   toDate(s.3) + (toStartOfDay(s.3) != s.3),
                   toDate(s.4),
                   toStartOfHour(s.3) + toIntervalHour(toStartOfHour(s.3) != s.3),
                   toStartOfHour(s.4)),
             arrayConcat(arrayMap(w -> (w.1, 1, w.4, now_sh), windows),
                         arrayMap(w -> (w.1, 0, w.5, w.6), windows))) AS spans,
    -- article_day and article_hour are first summed per day or hour and office, so that which spans
    -- a row falls in is tested on those few rows only.
    span_counts AS (
        SELECT s.1 AS period, s.2 AS current, d.office AS office,
               sum(d.n_views) AS span_views, sum(d.n_shares) AS span_shares,
               sum(d.n_reposts) AS span_reposts, sum(d.n_engagements) AS span_engagements
        FROM
        (
            SELECT day, office, sum(views) AS n_views, sum(shares) AS n_shares, sum(reposts) AS n_reposts,
                   sum(likes + comments + shares + reposts) AS n_engagements
            FROM chuanbo.article_day
            WHERE day >= toDate(month_start - INTERVAL 1 MONTH) AND day <= toDate(now_sh)
            GROUP BY day, office
        ) AS d
        ARRAY JOIN arrayFilter(s -> d.day >= s.5 AND d.day < s.6, spans) AS s
        GROUP BY period, current, office
        UNION ALL
        SELECT s.1, s.2, h.office,
               sum(h.n_views), sum(h.n_shares), sum(h.n_reposts), sum(h.n_engagements)
        FROM
        (
            SELECT hour, office, sum(views) AS n_views, sum(shares) AS n_shares, sum(reposts) AS n_reposts,
                   sum(likes + comments + shares + reposts) AS n_engagements
            FROM chuanbo.article_hour
            -- The partial days at the spans' ends (their starts are midnights, whole days), spelled
            -- out so that the primary key skips to them.
            WHERE (hour >= toStartOfDay(now_sh) AND hour < now_sh)
               OR (hour >= toStartOfDay(now_sh - INTERVAL 1 DAY) AND hour < now_sh - INTERVAL 1 DAY)
               OR (hour >= toStartOfDay(now_sh - INTERVAL 7 DAY) AND hour < now_sh - INTERVAL 7 DAY)
               OR (hour >= toStartOfDay(windows[3].6) AND hour < windows[3].6)
            GROUP BY hour, office
        ) AS h
        ARRAY JOIN arrayFilter(s -> h.hour >= s.7 AND h.hour < s.8
                                    AND (h.hour < toDateTime(s.5, 'Asia/Shanghai')
                                         OR h.hour >= toDateTime(s.6, 'Asia/Shanghai')), spans) AS s
        GROUP BY s.1, s.2, h.office
        UNION ALL
        SELECT s.1, s.2, e.office,
               countIf(e.event_type = 'VIEW'), countIf(e.event_type = 'SHARE'),
               countIf(e.event_type = 'REPOST'),
               countIf(e.event_type IN ('LIKE', 'COMMENT', 'SHARE', 'REPOST'))
        FROM
        (
            SELECT event_time, office, event_type
            FROM chuanbo.events_by_time
            -- The partial hours at the spans' ends (their starts are midnights, whole hours),
            -- spelled out so that the primary key skips to them.
            WHERE (event_time >= toStartOfHour(now_sh) AND event_time < now_sh)
               OR (event_time >= toStartOfHour(now_sh - INTERVAL 1 DAY) AND event_time < now_sh - INTERVAL 1 DAY)
               OR (event_time >= toStartOfHour(now_sh - INTERVAL 7 DAY) AND event_time < now_sh - INTERVAL 7 DAY)
               OR (event_time >= toStartOfHour(windows[3].6) AND event_time < windows[3].6)
        ) AS e
        ARRAY JOIN arrayFilter(s -> e.event_time >= s.3 AND e.event_time < s.4
                                    AND (e.event_time < s.7 OR e.event_time >= s.8), spans) AS s
        GROUP BY s.1, s.2, e.office
    ),
    counted AS (
        SELECT period, office,
               sumIf(span_views, current = 1)        AS views,
               sumIf(span_views, current = 0)        AS views_prev,
               sumIf(span_shares, current = 1)       AS shares,
               sumIf(span_shares, current = 0)       AS shares_prev,
               sumIf(span_reposts, current = 1)      AS reposts,
               sumIf(span_reposts, current = 0)      AS reposts_prev,
               sumIf(span_engagements, current = 1)  AS engagements,
               sumIf(span_engagements, current = 0)  AS engagements_prev
        FROM span_counts
        GROUP BY period, office
    ),
    -- One branch per period, each reading its own two spans only, so that a chart of one period
    -- (WHERE period = 'today') reads that period's rows alone. Today's and yesterday's viewers come
    -- from events_by_time, sorted by time, which skips to those two days; reach_viewers, sorted by
    -- bucket, is read whole for any span (0014_events_by_time.sql), which longer spans pay anyway.
    reached AS (
        SELECT windows[1].1 AS period, v.office AS office,
               uniqExactStateIf(v.viewer, v.event_time >= windows[1].4) AS viewers,
               uniqExactStateIf(v.viewer, v.event_time < windows[1].4) AS viewers_prev
        FROM chuanbo.events_by_time AS v
        WHERE ((v.event_time >= windows[1].4 AND v.event_time < now_sh)
               OR (v.event_time >= windows[1].5 AND v.event_time < windows[1].6))
          AND v.event_type = 'VIEW'
        GROUP BY period, office
        UNION ALL
        SELECT windows[2].1 AS period, v.office AS office,
               uniqExactStateIf(v.viewer, v.event_time >= windows[2].4) AS viewers,
               uniqExactStateIf(v.viewer, v.event_time < windows[2].4) AS viewers_prev
        FROM chuanbo.reach_viewers AS v
        WHERE (v.event_time >= windows[2].4 AND v.event_time < now_sh)
           OR (v.event_time >= windows[2].5 AND v.event_time < windows[2].6)
        GROUP BY period, office
        UNION ALL
        SELECT windows[3].1 AS period, v.office AS office,
               uniqExactStateIf(v.viewer, v.event_time >= windows[3].4) AS viewers,
               uniqExactStateIf(v.viewer, v.event_time < windows[3].4) AS viewers_prev
        FROM chuanbo.reach_viewers AS v
        WHERE (v.event_time >= windows[3].4 AND v.event_time < now_sh)
           OR (v.event_time >= windows[3].5 AND v.event_time < windows[3].6)
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
    r.viewers           AS viewers,
    r.viewers_prev      AS viewers_prev,
    k.shares            AS shares,
    k.shares_prev       AS shares_prev,
    k.reposts           AS reposts,
    k.reposts_prev      AS reposts_prev,
    k.engagements       AS engagements,
    k.engagements_prev  AS engagements_prev
FROM cells AS c
LEFT JOIN counted AS k ON k.period = c.period AND k.office = c.office
LEFT JOIN reached AS r ON r.period = c.period AND r.office = c.office
