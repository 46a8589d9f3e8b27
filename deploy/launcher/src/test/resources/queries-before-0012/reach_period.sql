-- How many distinct people viewed in a period (触达人数), exactly: uniqExact(reach_key) over the
-- VIEW events of chuanbo.events with event_time in [from, to), any period, not only whole days.
-- A person is person_id when known, else channel:user_id (DOMAIN.md "Metrics"), so one person on
-- two channels counts once when person_id links them. Also returns the period's views.
-- Parameters: {from:DateTime64(3, 'Asia/Shanghai')}, {to:DateTime64(3, 'Asia/Shanghai')} (times as
-- 'YYYY-MM-DD hh:mm:ss[.mmm]', read as Shanghai local time; to exclusive), {office:String} and
-- {channel:String} (a code, '' = all).
-- Reach comes from chuanbo.reach_viewers, the same VIEW events as their reach_key hashes sorted into
-- disjoint buckets of people: uniqExact per bucket, summed, is uniqExact(reach_key) over the period
-- (0011_reach_viewers.sql says why it is exact and fast). Views are counted in chuanbo.events: rows
-- of reach_viewers may be doubled (a re-run backfill) and are never counted.
WITH
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
    SELECT count() AS views
    FROM chuanbo.events AS e
    WHERE e.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
      AND e.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
      AND e.event_type = 'VIEW'
      AND ({office:String} = '' OR e.office = {office:String})
      AND ({channel:String} = '' OR e.channel = {channel:String})
) AS c
