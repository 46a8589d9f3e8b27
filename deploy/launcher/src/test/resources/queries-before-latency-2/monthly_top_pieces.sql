-- The month's top pieces by dissemination index (传播力指数) for the monthly report (月报): the
-- pieces of the office with at least one event in the period, ranked by their DI as the job last
-- summed it up (chuanbo.article_spread: the piece's whole history so far), each with the points of
-- every component (di_reach … di_channels) and the values behind them, and the piece's VIEW events in
-- the period. Ties: more views in the period, then article id. Pieces the job has not summed up yet
-- (no article_spread row) are left out.
-- Parameters: {from:DateTime64(3, 'Asia/Shanghai')}, {to:DateTime64(3, 'Asia/Shanghai')} (to
-- exclusive), {office:String} (a code, '' = every office), {limit:UInt32} (20 in the report).
WITH
    active AS (
        SELECT e.article_id AS article_id, countIf(e.event_type = 'VIEW') AS period_views
        FROM chuanbo.events AS e
        WHERE e.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
          AND e.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
          AND ({office:String} = '' OR e.office = {office:String})
        GROUP BY article_id
    ),
    pieces AS (
        SELECT article_id, any(title) AS title, any(office) AS office, any(series) AS series,
               any(published_at) AS published_at
        FROM chuanbo.articles
        GROUP BY article_id
    ),
    office_names AS (
        SELECT code, any(name) AS name FROM chuanbo.offices GROUP BY code
    )
SELECT
    s.article_id                                        AS article_id,
    coalesce(a.title, '（未知稿件）')                    AS title,
    coalesce(o.name, s.office)                          AS office_name,
    coalesce(a.series, '')                              AS series,
    a.published_at                                      AS published_at,
    x.period_views                                      AS period_views,
    s.di                                                AS di,
    s.di_reach                                          AS di_reach,
    s.di_views                                          AS di_views,
    s.di_engagements                                    AS di_engagements,
    s.di_shares                                         AS di_shares,
    s.di_reposts                                        AS di_reposts,
    s.di_depth                                          AS di_depth,
    s.di_channels                                       AS di_channels,
    s.views                                             AS views,
    s.reach                                             AS reach,
    s.engagements                                       AS engagements,
    s.shares                                            AS shares,
    s.reposts                                           AS reposts,
    s.max_depth                                         AS max_depth,
    s.channels                                          AS channels
FROM chuanbo.article_spread AS s
INNER JOIN active AS x ON x.article_id = s.article_id
LEFT JOIN pieces AS a ON a.article_id = s.article_id
LEFT JOIN office_names AS o ON o.code = s.office
ORDER BY di DESC, period_views DESC, article_id
LIMIT {limit:UInt32}
SETTINGS join_use_nulls = 1
