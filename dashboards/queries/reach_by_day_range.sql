-- How many distinct people viewed over whole Shanghai days (触达人数, e.g. a month for the 月报):
-- per office and channel, per office, and in total, exactly. A range's reach is a union of people,
-- so a person seen on two days or on two channels counts once in the office total and the grand
-- total. It is never the sum of daily (or per-channel) reaches. Same numbers as reach_period.sql
-- over the same days.
-- Rows: level = 'office_channel' (office and channel set), 'office' (channel = ''), 'total'
-- (office = '' and channel = '', there even when nobody viewed); ordered by office and channel, so
-- the total comes first and each office's row comes before its channels.
-- Parameters: {from_day:Date}, {to_day:Date} (both included, Shanghai days), {office:String} and
-- {channel:String} (a code, '' = all).
-- Counted in chuanbo.reach_viewers (0011_reach_viewers.sql): the range's VIEW events as their
-- reach_key hashes, sorted into 1,024 disjoint buckets of people, so each level's reach is the sum
-- over buckets of uniqExact per bucket, exactly uniqExact(reach_key) (a person falls in one bucket
-- only; rows a re-run backfill doubled change no set). It used to merge chuanbo.reach_daily's
-- per-day sets, one thread merging every day's set into one per key. Here each level is counted in
-- four quarters of the buckets, each by one thread start to end (max_threads = 1), and the engine
-- runs the twelve side by side: no thread's sets are merged into another's. Per office and channel
-- a bucket holds some 200 people, too few for a set to pay for itself, so that level counts groups
-- of sixteen buckets: still disjoint sets of people, about a fifth less time.
SELECT level, CAST(office, 'String') AS office, CAST(channel, 'String') AS channel, sum(reach) AS reach
FROM
(
    SELECT 'office_channel' AS level, v.office AS office, v.channel AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 0 AND v.bucket < 256
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY intDiv(v.bucket, 16), v.office, v.channel
    SETTINGS max_threads = 1
    UNION ALL
    SELECT 'office_channel' AS level, v.office AS office, v.channel AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 256 AND v.bucket < 512
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY intDiv(v.bucket, 16), v.office, v.channel
    SETTINGS max_threads = 1
    UNION ALL
    SELECT 'office_channel' AS level, v.office AS office, v.channel AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 512 AND v.bucket < 768
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY intDiv(v.bucket, 16), v.office, v.channel
    SETTINGS max_threads = 1
    UNION ALL
    SELECT 'office_channel' AS level, v.office AS office, v.channel AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 768 AND v.bucket < 1024
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY intDiv(v.bucket, 16), v.office, v.channel
    SETTINGS max_threads = 1
    UNION ALL
    SELECT 'office' AS level, v.office AS office, '' AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 0 AND v.bucket < 256
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY v.bucket, v.office
    SETTINGS max_threads = 1
    UNION ALL
    SELECT 'office' AS level, v.office AS office, '' AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 256 AND v.bucket < 512
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY v.bucket, v.office
    SETTINGS max_threads = 1
    UNION ALL
    SELECT 'office' AS level, v.office AS office, '' AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 512 AND v.bucket < 768
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY v.bucket, v.office
    SETTINGS max_threads = 1
    UNION ALL
    SELECT 'office' AS level, v.office AS office, '' AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 768 AND v.bucket < 1024
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY v.bucket, v.office
    SETTINGS max_threads = 1
    UNION ALL
    SELECT 'total' AS level, '' AS office, '' AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 0 AND v.bucket < 256
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY v.bucket
    SETTINGS max_threads = 1
    UNION ALL
    SELECT 'total' AS level, '' AS office, '' AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 256 AND v.bucket < 512
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY v.bucket
    SETTINGS max_threads = 1
    UNION ALL
    SELECT 'total' AS level, '' AS office, '' AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 512 AND v.bucket < 768
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY v.bucket
    SETTINGS max_threads = 1
    UNION ALL
    SELECT 'total' AS level, '' AS office, '' AS channel, uniqExact(v.viewer) AS reach
    FROM chuanbo.reach_viewers AS v
    WHERE v.bucket >= 768 AND v.bucket < 1024
      AND toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
      AND ({office:String} = '' OR v.office = {office:String})
      AND ({channel:String} = '' OR v.channel = {channel:String})
    GROUP BY v.bucket
    SETTINGS max_threads = 1
    UNION ALL
    -- The total row even when no view falls in the range, as GROUP BY () gave it.
    SELECT 'total' AS level, '' AS office, '' AS channel, toUInt64(0) AS reach
)
GROUP BY level, office, channel
ORDER BY office, channel
