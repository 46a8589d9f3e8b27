-- What to know before quoting the monthly report's (月报) figures: how many of the period's events
-- arrived late (stored more than an hour after they happened, so a report run early would have
-- missed them), the latest such lag, events whose piece was unknown (office 'unknown', counted in
-- the city-wide report only), and the platform's own reports (chuanbo.platform_counts) on the
-- office's pieces: channel-days reported, how many of them were revised (more than one report;
-- the latest as_of wins) and on how many the report exceeded the counted VIEW events. How far the
-- effective views exceed the counted ones comes from monthly_figures.sql (views - counted_views).
-- Rejected records: the job counts them in chuanbo.ingest_quality_minute by the minute they reached
-- Kafka (their originals are in the dead-letter topic chuanbo.events.dlq); rejected_records is the
-- month's total for the city-wide report and NULL for an office's, since a broken record cannot be
-- trusted to say which office it is from.
-- Parameters: {from:DateTime64(3, 'Asia/Shanghai')}, {to:DateTime64(3, 'Asia/Shanghai')} (to
-- exclusive), {from_day:Date}, {to_day:Date} (the same period as Shanghai days, both included),
-- {office:String} (a code, '' = every office).
-- The period's events are counted in chuanbo.article_day (0012_article_day.sql: every event per
-- Shanghai day, article, office and channel, with its late events and longest lag) for its whole
-- days, in chuanbo.article_hour (the same per hour) for the whole hours of its partial first and
-- last days, and read from chuanbo.events for its partial first and last hours only, so a month's
-- report reads about 64,000 rows of counts instead of every event. Every event of the period is in
-- exactly one of the three; a cell may come in parts, which every use below adds up. Every column
-- stays Nullable(UInt64), as the scalar subqueries of the first version made them.
WITH
    -- The whole days inside [from, to): from the day after `from` (or its own day, when it starts at
    -- midnight) up to the day `to` falls on, excluded; the whole hours likewise. Either is empty
    -- when the period is shorter than one.
    toDate({from:DateTime64(3, 'Asia/Shanghai')})
        + (toStartOfDay({from:DateTime64(3, 'Asia/Shanghai')}) != {from:DateTime64(3, 'Asia/Shanghai')}) AS whole_from,
    toDate({to:DateTime64(3, 'Asia/Shanghai')})                                                   AS whole_to,
    toStartOfHour({from:DateTime64(3, 'Asia/Shanghai')})
        + toIntervalHour(toStartOfHour({from:DateTime64(3, 'Asia/Shanghai')}) != {from:DateTime64(3, 'Asia/Shanghai')}) AS hours_from,
    toStartOfHour({to:DateTime64(3, 'Asia/Shanghai')})                                            AS hours_to,
    -- The partial days' cells, counted once into one array: a scalar subquery runs once, where a CTE
    -- named three times (totals, counted, the offices) would read them three times.
    (
        SELECT groupArray((article_id, channel, day, office, events, views, late_events, max_lag_ms))
        FROM
        (
            SELECT h.article_id AS article_id, h.channel AS channel, toDate(h.hour) AS day,
                   h.office AS office, sum(h.events) AS events, sum(h.views) AS views,
                   sum(h.late_events) AS late_events, max(h.max_lag_ms) AS max_lag_ms
            FROM chuanbo.article_hour AS h
            WHERE h.hour >= hours_from AND h.hour < hours_to
              AND (h.hour < toDateTime(whole_from, 'Asia/Shanghai') OR h.hour >= toDateTime(whole_to, 'Asia/Shanghai'))
              AND ({office:String} = '' OR h.office = {office:String})
            GROUP BY article_id, channel, day, office
            UNION ALL
            SELECT e.article_id AS article_id, e.channel AS channel, toDate(e.event_time) AS day,
                   e.office AS office, count() AS events, countIf(e.event_type = 'VIEW') AS views,
                   countIf(e.ingested_at > e.event_time + INTERVAL 1 HOUR) AS late_events,
                   max(toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time)) AS max_lag_ms
            FROM chuanbo.events AS e
            WHERE e.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
              AND e.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
              AND (e.event_time < hours_from OR e.event_time >= hours_to)
              AND ({office:String} = '' OR e.office = {office:String})
            GROUP BY article_id, channel, day, office
        )
    ) AS partial_day_cells,
    period_cells AS (
        -- Rows as stored (a cell may still be in parts the engine has not folded yet): every use
        -- below adds them up.
        SELECT d.article_id AS article_id, d.channel AS channel, d.day AS day, d.office AS office,
               toUInt64(d.events) AS events, toUInt64(d.views) AS views,
               toUInt64(d.late_events) AS late_events, toInt64(d.max_lag_ms) AS max_lag_ms
        FROM chuanbo.article_day AS d
        WHERE d.day >= whole_from AND d.day < whole_to
          AND ({office:String} = '' OR d.office = {office:String})
        UNION ALL
        SELECT c.1 AS article_id, c.2 AS channel, c.3 AS day, c.4 AS office, c.5 AS events,
               c.6 AS views, c.7 AS late_events, c.8 AS max_lag_ms
        FROM (SELECT arrayJoin(partial_day_cells) AS c)
    ),
    totals AS (
        SELECT
            sum(c.events)                                                         AS events,
            sum(c.late_events)                                                    AS late_events,
            if(sum(c.events) = 0, 0, toUInt64(greatest(0, max(c.max_lag_ms))))    AS max_lag_ms,
            sumIf(c.events, c.office = 'unknown')                                 AS unknown_office_events
        FROM period_cells AS c
    ),
    counted AS (
        SELECT c.article_id AS article_id, c.channel AS channel, c.day AS day, sum(c.views) AS views
        FROM period_cells AS c
        WHERE c.views > 0
        GROUP BY article_id, channel, day
    ),
    office_of AS (
        SELECT article_id, any(office) AS office FROM chuanbo.articles GROUP BY article_id
    ),
    reported AS (
        SELECT p.article_id AS article_id, p.channel AS channel, p.day AS day, p.views AS views,
               p.reports AS reports
        FROM chuanbo.platform_counts AS p
        LEFT JOIN office_of AS a ON a.article_id = p.article_id
        LEFT JOIN (SELECT DISTINCT article_id, office FROM period_cells) AS pe
            ON pe.article_id = p.article_id
        WHERE p.day BETWEEN {from_day:Date} AND {to_day:Date}
          AND ({office:String} = '' OR coalesce(pe.office, a.office, 'unknown') = {office:String})
    ),
    reported_figures AS (
        SELECT
            count()                                    AS reported_days,
            countIf(r.reports > 1)                     AS revised_days,
            countIf(r.views > coalesce(c.views, 0))    AS reported_above_counted_days
        FROM reported AS r
        LEFT JOIN counted AS c ON c.article_id = r.article_id AND c.channel = r.channel AND c.day = r.day
    )
SELECT
    toNullable(t.events)                                                             AS events,
    toNullable(t.late_events)                                                        AS late_events,
    toNullable(t.max_lag_ms)                                                         AS max_lag_ms,
    toNullable(t.unknown_office_events)                                              AS unknown_office_events,
    toNullable(f.reported_days)                                                      AS reported_days,
    toNullable(f.revised_days)                                                       AS revised_days,
    toNullable(f.reported_above_counted_days)                                        AS reported_above_counted_days,
    (SELECT if({office:String} = '', toNullable(sum(q.records)), NULL)
     FROM chuanbo.ingest_quality_minute AS q
     WHERE q.outcome = 'rejected'
       AND q.minute >= {from:DateTime64(3, 'Asia/Shanghai')}
       AND q.minute < {to:DateTime64(3, 'Asia/Shanghai')})                             AS rejected_records
FROM totals AS t
CROSS JOIN reported_figures AS f
SETTINGS join_use_nulls = 1
