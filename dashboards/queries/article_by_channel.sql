-- One piece across the channels: views, shares, reposts, likes, comments and mean engaged time.
-- Parameters: {article_id:String}.
SELECT
    m.channel                                                       AS channel,
    coalesce(c.name, m.channel)                                     AS channel_name,
    sum(m.views)                                                    AS views,
    sum(m.shares)                                                   AS shares,
    sum(m.reposts)                                                  AS reposts,
    sum(m.likes)                                                    AS likes,
    sum(m.comments)                                                 AS comments,
    if(sum(m.engaged_count) = 0, 0, round(sum(m.engaged_ms_sum) / sum(m.engaged_count) / 1000, 1)) AS engaged_seconds
FROM chuanbo.article_minute AS m
LEFT JOIN chuanbo.channels AS c ON c.code = m.channel
WHERE m.article_id = {article_id:String}
GROUP BY m.channel, c.name
ORDER BY views DESC
SETTINGS join_use_nulls = 1
