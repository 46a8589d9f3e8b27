-- How many distinct people viewed in a period (触达人数), exactly: uniqExact(reach_key) over the
-- VIEW events of chuanbo.events with event_time in [from, to), any period, not only whole days.
-- A person is person_id when known, else channel:user_id (DOMAIN.md "Metrics"), so one person on
-- two channels counts once when person_id links them. Also returns the period's views.
-- Parameters: {from:DateTime64(3, 'Asia/Shanghai')}, {to:DateTime64(3, 'Asia/Shanghai')} (times as
-- 'YYYY-MM-DD hh:mm:ss[.mmm]', read as Shanghai local time; to exclusive), {office:String} and
-- {channel:String} (a code, '' = all). For whole days reach_by_day_range.sql reads a rollup instead.
SELECT
    uniqExact(e.reach_key) AS reach,
    count()                AS views
FROM chuanbo.events AS e
WHERE e.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
  AND e.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
  AND e.event_type = 'VIEW'
  AND ({office:String} = '' OR e.office = {office:String})
  AND ({channel:String} = '' OR e.channel = {channel:String})
