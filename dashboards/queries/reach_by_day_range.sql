-- How many distinct people viewed over whole Shanghai days (触达人数, e.g. a month for the 月报):
-- per office and channel, per office, and in total, exactly: uniqExact(reach_key) over the days'
-- VIEW events, as the union of the days' sets of people (chuanbo.reach_daily holds them day by
-- day), so a person seen on two days or on two channels counts once in the office total and the
-- grand total. It is never the sum of daily (or per-channel) reaches. Same numbers as
-- reach_period.sql over the same days.
-- Read from chuanbo.reach_viewers: the same VIEW events as reach_key hashes in disjoint buckets of
-- people, so each level's reach is its per-bucket distinct counts summed, which is exact because a
-- person falls in one bucket only (0011_reach_viewers.sql), and ten times faster than merging the
-- daily sets of a month into one.
-- Rows: level = 'office_channel' (office and channel set), 'office' (channel = ''), 'total'
-- (office = '' and channel = ''); ordered by office and channel, so the total comes first and each
-- office's row comes before its channels.
-- Parameters: {from_day:Date}, {to_day:Date} (both included, Shanghai days), {office:String} and
-- {channel:String} (a code, '' = all).
WITH
    by_bucket AS (
        SELECT
            multiIf(grouping(v.office, v.channel) = 0, 'office_channel',
                    grouping(v.office, v.channel) = 1, 'office',
                    'total')                                 AS level,
            if(grouping(v.office) = 0, v.office, '')         AS office,
            if(grouping(v.channel) = 0, v.channel, '')       AS channel,
            uniqExact(v.viewer)                              AS reach
        FROM chuanbo.reach_viewers AS v
        WHERE toDate(v.event_time) BETWEEN {from_day:Date} AND {to_day:Date}
          AND ({office:String} = '' OR v.office = {office:String})
          AND ({channel:String} = '' OR v.channel = {channel:String})
        GROUP BY GROUPING SETS ((v.bucket, v.office, v.channel), (v.bucket, v.office), (v.bucket))
    )
SELECT level, office, channel, sum(reach) AS reach
FROM by_bucket
GROUP BY level, office, channel
ORDER BY office, channel
