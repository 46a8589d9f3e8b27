-- How many distinct people viewed over whole Shanghai days (触达人数, e.g. a month for the 月报):
-- per office and channel, per office, and in total, exactly, from the rollup chuanbo.reach_daily.
-- A range's reach is uniqExactMerge of its days' sets of people: a union, so a person seen on two
-- days or on two channels counts once in the office total and the grand total. It is never the
-- sum of daily (or per-channel) reaches. Same numbers as reach_period.sql over the same days.
-- Rows: level = 'office_channel' (office and channel set), 'office' (channel = ''), 'total'
-- (office = '' and channel = ''); ordered by office and channel, so the total comes first and each
-- office's row comes before its channels.
-- Parameters: {from_day:Date}, {to_day:Date} (both included, Shanghai days), {office:String} and
-- {channel:String} (a code, '' = all).
SELECT
    multiIf(grouping(r.office, r.channel) = 0, 'office_channel',
            grouping(r.office, r.channel) = 1, 'office',
            'total')                                 AS level,
    if(grouping(r.office) = 0, r.office, '')         AS office,
    if(grouping(r.channel) = 0, r.channel, '')       AS channel,
    uniqExactMerge(r.viewers)                        AS reach
FROM chuanbo.reach_daily AS r
WHERE r.day BETWEEN {from_day:Date} AND {to_day:Date}
  AND ({office:String} = '' OR r.office = {office:String})
  AND ({channel:String} = '' OR r.channel = {channel:String})
GROUP BY GROUPING SETS ((r.office, r.channel), (r.office), ())
ORDER BY office, channel
