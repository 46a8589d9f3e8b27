-- RewrittenDatasetsITCase's arrivals, for ingest_minutes (counted from chuanbo.ingest_minute,
-- 0013_ingest_minute.sql, formerly from events): events inserted with ingested_at set, at the edges
-- a rewrite of that dataset can get wrong. {prefix} is the test's own id.
-- - When: a minute's first millisecond and the millisecond before it, over the last 23 hours; in the
--   first, partial minute of the 24-hour window but before the window starts (its first
--   millisecond, and up to a second before the start): a rewrite that reads whole minutes counts
--   them; anywhere in the window; an hour ahead of now (the window has no end); two days ago.
--   Nothing arrives in the quarter of an hour after the window's start, so the seconds between the
--   two texts' runs, which move the start, move no event in or out.
-- - How late: exactly an hour (not late: late is more than an hour), a millisecond more (late) or
--   less, stored "before" it happened (a lag counted as 0), up to ten minutes, up to 30 days.
-- - Seven offices, 'unknown' among them, two pieces each (a piece has one office, as everywhere).
-- Event times keep to the rules of the suite's other events: more than a minute before now and never
-- in the quarter of an hour after now's time of day, so that kpi_periods' spans move no event either.
INSERT INTO chuanbo.events
    (event_id, event_type, event_time, article_id, office, channel, user_id, person_id, reach_key,
     terminal, duration_ms, outlet, ingested_at)
WITH
    now64(3, 'Asia/Shanghai') AS t0,
    toDateTime64(toStartOfMinute(t0 - toIntervalMinute(1 + cityHash64(number, 1) % 1380)), 3,
                 'Asia/Shanghai') AS minute_edge,
    toDateTime64(toStartOfMinute(t0 - INTERVAL 24 HOUR), 3, 'Asia/Shanghai') AS window_minute,
    multiIf(number % 8 = 0, minute_edge,
            number % 8 = 1, minute_edge - toIntervalMillisecond(1),
            number % 8 = 2, window_minute,
            number % 8 = 3, greatest(window_minute,
                                     t0 - INTERVAL 24 HOUR - toIntervalMillisecond(1 + number % 1000)),
            number % 8 = 4, t0 - toIntervalMillisecond(cityHash64(number, 2) % (23 * 3600000)),
            number % 8 = 5, t0 + INTERVAL 1 HOUR,
            number % 8 = 6, t0 - INTERVAL 2 DAY + toIntervalMillisecond(cityHash64(number, 2) % 3600000),
            t0 - INTERVAL 20 HOUR) AS arrived,
    multiIf(intDiv(number, 8) % 6 = 0, arrived - INTERVAL 1 HOUR,
            intDiv(number, 8) % 6 = 1, arrived - INTERVAL 1 HOUR - toIntervalMillisecond(1),
            intDiv(number, 8) % 6 = 2, arrived - INTERVAL 1 HOUR + toIntervalMillisecond(1),
            intDiv(number, 8) % 6 = 3, arrived + INTERVAL 5 SECOND,
            intDiv(number, 8) % 6 = 4, arrived - toIntervalMillisecond(cityHash64(number, 3) % 600000),
            arrived - toIntervalMillisecond(cityHash64(number, 3) % (30 * 86400000))) AS happened
SELECT
    concat('{prefix}-arrival-', toString(number)),
    ['VIEW', 'VIEW', 'SHARE', 'LIKE', 'COMMENT', 'REPOST'][1 + number % 6],
    happened,
    concat('{prefix}-arrival-a-', toString(intDiv(number, 48) % 14)),
    ['hz', 'bb', 'pg', 'zs', 'zp', 'fc', 'unknown'][1 + intDiv(number, 48) % 7],
    ['WECHAT', 'APP', 'WEBSITE', 'TV'][1 + number % 4],
    concat('arrival-u', toString(number % 300)),
    NULL,
    concat('u:arrival-u', toString(number % 300)),
    'MOBILE',
    NULL,
    NULL,
    arrived
FROM numbers(6000)
WHERE happened < t0 - INTERVAL 1 MINUTE
  AND NOT ((toUnixTimestamp64Milli(happened) - toUnixTimestamp64Milli(t0)) % 86400000 + 86400000)
          % 86400000 BETWEEN 0 AND 900000
