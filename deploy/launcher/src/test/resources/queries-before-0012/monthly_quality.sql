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
-- chuanbo.events is scanned three times, not eight: the period's four totals in one pass, and the
-- reported channel-days' three figures in one pass over them (a CTE is computed again wherever it
-- is named, so each scalar subquery over period_events or reported was a scan of its own).
-- Every column stays Nullable(UInt64), as the scalar subqueries made them.
WITH
    period_events AS (
        SELECT e.article_id, e.channel, e.event_type, e.event_time, e.ingested_at, e.office
        FROM chuanbo.events AS e
        WHERE e.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
          AND e.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
          AND ({office:String} = '' OR e.office = {office:String})
    ),
    totals AS (
        SELECT
            count()                                                               AS events,
            countIf(ingested_at > event_time + INTERVAL 1 HOUR)                   AS late_events,
            if(count() = 0, 0, toUInt64(greatest(0, max(toUnixTimestamp64Milli(ingested_at) - toUnixTimestamp64Milli(event_time)))))
                                                                                  AS max_lag_ms,
            countIf(office = 'unknown')                                           AS unknown_office_events
        FROM period_events
    ),
    counted AS (
        SELECT article_id, channel, toDate(event_time) AS day, count() AS views
        FROM period_events
        WHERE event_type = 'VIEW'
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
        LEFT JOIN (SELECT DISTINCT article_id, office FROM period_events) AS pe
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
