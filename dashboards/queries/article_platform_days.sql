-- Where one piece's effective views differ from its counted ones (DOMAIN.md "Platform-reported
-- counts"): for each channel and Shanghai day with a platform report, the VIEW events counted
-- (chuanbo.article_minute), the platform's latest report (chuanbo.platform_counts: latest as_of
-- wins, revisions replace), how many revisions it sent, and the effective views, the greater of the
-- two, never their sum. Parameters: {article_id:String}.
WITH counted AS (
    SELECT m.channel AS channel, toDate(m.minute) AS day, sum(m.views) AS views
    FROM chuanbo.article_minute AS m
    WHERE m.article_id = {article_id:String}
    GROUP BY channel, day
)
SELECT
    p.day                                              AS day,
    p.channel                                          AS channel,
    coalesce(ch.name, p.channel)                       AS channel_name,
    coalesce(c.views, 0)                               AS counted_views,
    p.views                                            AS reported_views,
    greatest(coalesce(c.views, 0), p.views)            AS effective_views,
    formatDateTime(p.as_of, '%Y-%m-%d %H:%i')          AS as_of,
    p.reports                                          AS reports
FROM chuanbo.platform_counts AS p
LEFT JOIN counted AS c ON c.channel = p.channel AND c.day = p.day
LEFT JOIN chuanbo.channels AS ch ON ch.code = p.channel
WHERE p.article_id = {article_id:String}
ORDER BY p.day, p.channel
SETTINGS join_use_nulls = 1
