-- 每日传播: per Shanghai day, office and channel over the last 31 days (and the whole month when it
-- started earlier): views, shares, reposts, likes, comments and engagements, and reach as a
-- uniqExact state merged from chuanbo.reach_daily, so a chart's uniqExactMerge over any days,
-- offices or channels counts each person once. this_month is 1 on the days of the current Shanghai
-- month, which the channel mix and the office ranking show.
-- The counts are chuanbo.events' counts, summed per day in chuanbo.article_day (0012_article_day.sql):
-- the span is whole days up to the end of today, so the day rows give exactly what counting a month
-- of events row by row gave, in a fraction of the time.
WITH
    toDate(now(), 'Asia/Shanghai')                   AS today_sh,
    least(today_sh - 30, toStartOfMonth(today_sh))   AS first_day,
    counts AS (
        SELECT
            d.day                                                                AS day,
            d.office                                                             AS office,
            d.channel                                                            AS channel,
            sum(d.views)                                                         AS views,
            sum(d.shares)                                                        AS shares,
            sum(d.reposts)                                                       AS reposts,
            sum(d.likes)                                                         AS likes,
            sum(d.comments)                                                      AS comments,
            sum(d.likes + d.comments + d.shares + d.reposts)                     AS engagements
        FROM chuanbo.article_day AS d
        WHERE d.day BETWEEN first_day AND today_sh
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
