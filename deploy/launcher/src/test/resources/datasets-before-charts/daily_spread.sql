-- 每日传播: per Shanghai day, office and channel over the last 31 days (and the whole month when it
-- started earlier): views, shares, reposts, likes, comments and engagements from chuanbo.events,
-- and reach as a uniqExact state merged from chuanbo.reach_daily, so a chart's uniqExactMerge over
-- any days, offices or channels counts each person once. this_month is 1 on the days of the
-- current Shanghai month, which the channel mix and the office ranking show.
WITH
    toDate(now(), 'Asia/Shanghai')                   AS today_sh,
    least(today_sh - 30, toStartOfMonth(today_sh))   AS first_day,
    counts AS (
        SELECT
            toDate(e.event_time)                                                 AS day,
            e.office                                                             AS office,
            e.channel                                                            AS channel,
            countIf(e.event_type = 'VIEW')                                       AS views,
            countIf(e.event_type = 'SHARE')                                      AS shares,
            countIf(e.event_type = 'REPOST')                                     AS reposts,
            countIf(e.event_type = 'LIKE')                                       AS likes,
            countIf(e.event_type = 'COMMENT')                                    AS comments,
            countIf(e.event_type IN ('LIKE', 'COMMENT', 'SHARE', 'REPOST'))      AS engagements
        FROM chuanbo.events AS e
        WHERE e.event_time >= toDateTime64(first_day, 3, 'Asia/Shanghai')
          AND e.event_time < toDateTime64(today_sh + 1, 3, 'Asia/Shanghai')
        GROUP BY day, office, channel
    ),
    reach AS (
        SELECT r.day AS day, r.office AS office, r.channel AS channel,
               uniqExactMergeState(r.viewers) AS viewers
        FROM chuanbo.reach_daily AS r
        WHERE r.day BETWEEN first_day AND today_sh
        GROUP BY day, office, channel
    ),
    office_names AS (SELECT code, any(name) AS name FROM chuanbo.offices GROUP BY code),
    channel_names AS (SELECT code, any(name) AS name FROM chuanbo.channels GROUP BY code)
SELECT
    c.day                                           AS day,
    toUInt8(toStartOfMonth(c.day) = toStartOfMonth(today_sh)) AS this_month,
    c.office                                        AS office,
    if(o.name = '', c.office, o.name)               AS office_name,
    c.channel                                       AS channel,
    if(ch.name = '', c.channel, ch.name)            AS channel_name,
    c.views                                         AS views,
    c.shares                                        AS shares,
    c.reposts                                       AS reposts,
    c.likes                                         AS likes,
    c.comments                                      AS comments,
    c.engagements                                   AS engagements,
    r.viewers                                       AS viewers
FROM counts AS c
LEFT JOIN reach AS r ON r.day = c.day AND r.office = c.office AND r.channel = c.channel
LEFT JOIN office_names AS o ON o.code = c.office
LEFT JOIN channel_names AS ch ON ch.code = c.channel
