-- The pieces that spread most: per article, views, reach (distinct people), shares and reposts,
-- best first. Counts come from chuanbo.article_minute (sum of deltas), reach from chuanbo.events.
-- Parameters: {limit:UInt32}.
WITH
    minute_totals AS (
        SELECT article_id, sum(views) AS views, sum(shares) AS shares, sum(reposts) AS reposts
        FROM chuanbo.article_minute
        GROUP BY article_id
    ),
    reach AS (
        SELECT article_id, uniqExact(reach_key) AS reach
        FROM chuanbo.events
        WHERE event_type = 'VIEW'
        GROUP BY article_id
    )
SELECT
    t.article_id                          AS article_id,
    coalesce(a.title, '（未知稿件）')      AS title,
    coalesce(o.name, '未知')               AS office,
    t.views                               AS views,
    coalesce(r.reach, 0)                  AS reach,
    t.shares                              AS shares,
    t.reposts                             AS reposts
FROM minute_totals AS t
LEFT JOIN chuanbo.articles AS a ON a.article_id = t.article_id
LEFT JOIN chuanbo.offices AS o ON o.code = a.office
LEFT JOIN reach AS r ON r.article_id = t.article_id
ORDER BY views DESC, article_id
LIMIT {limit:UInt32}
SETTINGS join_use_nulls = 1
