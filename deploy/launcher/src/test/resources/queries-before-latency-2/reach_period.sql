-- How many distinct people viewed in a period (触达人数), exactly: uniqExact(reach_key) over the
-- VIEW events of chuanbo.events with event_time in [from, to), any period, not only whole days.
-- A person is person_id when known, else channel:user_id (DOMAIN.md "Metrics"), so one person on
-- two channels counts once when person_id links them. Also returns the period's views.
-- Parameters: {from:DateTime64(3, 'Asia/Shanghai')}, {to:DateTime64(3, 'Asia/Shanghai')} (times as
-- 'YYYY-MM-DD hh:mm:ss[.mmm]', read as Shanghai local time; to exclusive), {office:String} and
-- {channel:String} (a code, '' = all).
-- Reach comes from chuanbo.reach_viewers, the same VIEW events as their reach_key hashes sorted into
-- disjoint buckets of people: uniqExact per bucket, summed, is uniqExact(reach_key) over the period
-- (0011_reach_viewers.sql says why it is exact and fast). Views are never counted there (rows of
-- reach_viewers may be doubled by a re-run backfill): they are summed in chuanbo.article_day (the
-- events counted per Shanghai day, 0012_article_day.sql) over the period's whole days, in
-- chuanbo.article_hour over the whole hours of its partial first and last days, and counted in
-- chuanbo.events on its partial first and last hours only.
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
    by_bucket AS (
        SELECT v.bucket AS bucket, uniqExact(v.viewer) AS reach
        FROM chuanbo.reach_viewers AS v
        WHERE v.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
          AND v.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
          AND ({office:String} = '' OR v.office = {office:String})
          AND ({channel:String} = '' OR v.channel = {channel:String})
        GROUP BY v.bucket
    )
SELECT r.reach AS reach, c.views AS views
FROM (SELECT sum(reach) AS reach FROM by_bucket) AS r
CROSS JOIN
(
    SELECT sum(p.views) AS views
    FROM
    (
        SELECT sum(d.views) AS views
        FROM chuanbo.article_day AS d
        WHERE d.day >= whole_from AND d.day < whole_to
          AND ({office:String} = '' OR d.office = {office:String})
          AND ({channel:String} = '' OR d.channel = {channel:String})
        UNION ALL
        SELECT sum(h.views) AS views
        FROM chuanbo.article_hour AS h
        WHERE h.hour >= hours_from AND h.hour < hours_to
          AND (h.hour < toDateTime(whole_from, 'Asia/Shanghai') OR h.hour >= toDateTime(whole_to, 'Asia/Shanghai'))
          AND ({office:String} = '' OR h.office = {office:String})
          AND ({channel:String} = '' OR h.channel = {channel:String})
        UNION ALL
        SELECT count() AS views
        FROM chuanbo.events AS e
        WHERE e.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
          AND e.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
          AND (e.event_time < hours_from OR e.event_time >= hours_to)
          AND e.event_type = 'VIEW'
          AND ({office:String} = '' OR e.office = {office:String})
          AND ({channel:String} = '' OR e.channel = {channel:String})
    ) AS p
) AS c
