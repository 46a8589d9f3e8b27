-- The pieces that spread most: per article, views, reach (distinct people), shares and reposts,
-- best first. Counts come from chuanbo.article_minute (sum of deltas); reach, uniqExact(reach_key)
-- over the piece's VIEW events, from chuanbo.reach_viewers (the same events, people bucketed by
-- their reach_key hash: per-bucket distinct counts summed are exact, 0011_reach_viewers.sql).
-- The order and the limit depend on article_minute alone, so the pieces are picked first and
-- reach is counted for those {limit} pieces only, not for every piece ever viewed.
-- Parameters: {limit:UInt32}.
-- The pieces are picked once, into one array (a scalar subquery runs once; the CTE it replaces was
-- named twice, for the list and for the pieces whose reach to count, so article_minute was summed
-- twice).
WITH
    (
        SELECT groupArray((article_id, views, shares, reposts))
        FROM
        (
            SELECT article_id, sum(views) AS views, sum(shares) AS shares, sum(reposts) AS reposts
            FROM chuanbo.article_minute
            GROUP BY article_id
            ORDER BY views DESC, article_id
            LIMIT {limit:UInt32}
        )
    ) AS top_rows,
    top AS (
        SELECT t.1 AS article_id, t.2 AS views, t.3 AS shares, t.4 AS reposts
        FROM (SELECT arrayJoin(top_rows) AS t)
    ),
    reach_by_bucket AS (
        SELECT v.article_id AS article_id, uniqExact(v.viewer) AS reach
        FROM chuanbo.reach_viewers AS v
        WHERE v.article_id IN (SELECT article_id FROM top)
        GROUP BY v.bucket, v.article_id
    ),
    reach AS (
        SELECT article_id, sum(reach) AS reach FROM reach_by_bucket GROUP BY article_id
    )
SELECT
    t.article_id                          AS article_id,
    coalesce(a.title, '（未知稿件）')      AS title,
    coalesce(o.name, '未知')               AS office,
    t.views                               AS views,
    coalesce(r.reach, 0)                  AS reach,
    t.shares                              AS shares,
    t.reposts                             AS reposts
FROM top AS t
LEFT JOIN chuanbo.articles AS a ON a.article_id = t.article_id
LEFT JOIN chuanbo.offices AS o ON o.code = a.office
LEFT JOIN reach AS r ON r.article_id = t.article_id
ORDER BY views DESC, article_id
LIMIT {limit:UInt32}
SETTINGS join_use_nulls = 1
