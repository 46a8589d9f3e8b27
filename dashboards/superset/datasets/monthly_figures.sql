-- 月度报告: the monthly report's figures (dashboards/queries/monthly_figures.sql, DOMAIN.md) per
-- Shanghai month, office and channel over the last 13 months, so the dashboard's month filter picks
-- one and its charts add offices and channels up:
--   views: effective, per article, channel and day the greater of the counted VIEW events and the
--     platform's latest report (chuanbo.platform_counts), never their sum; counted_views the events
--     alone; shares, likes, comments effective the same way; reposts REPOST events;
--   engagements = likes + comments + shares + reposts; engaged_ms_sum / engaged_count over the
--     VIEWs that carry a duration;
--   viewers: the month's distinct people as a uniqExact state, so uniqExactMerge over offices and
--     channels counts each person once (never a sum of reach).
-- A piece's office is the one its events carry; a channel-day known only from a platform report
-- takes the office of chuanbo.articles.
-- The counted events come from chuanbo.article_day (0012_article_day.sql), which holds
-- chuanbo.events' counts per Shanghai day, article, office and channel: the very cells this query
-- needs, without counting 13 months of events row by row.
WITH
    toStartOfMonth(addMonths(toDate(now(), 'Asia/Shanghai'), -12)) AS first_day,
    event_cells AS (
        SELECT
            d.article_id                                                      AS article_id,
            d.channel                                                         AS channel,
            d.day                                                             AS day,
            any(d.office)                                                     AS office,
            sum(d.views)                                                      AS views,
            sum(d.shares)                                                     AS shares,
            sum(d.likes)                                                      AS likes,
            sum(d.comments)                                                   AS comments,
            sum(d.reposts)                                                    AS reposts,
            sum(d.engaged_ms_sum)                                             AS engaged_ms_sum,
            sum(d.engaged_count)                                              AS engaged_count
        FROM chuanbo.article_day AS d
        WHERE d.day >= first_day
        GROUP BY article_id, channel, day
    ),
    report_cells AS (
        SELECT p.article_id AS article_id, p.channel AS channel, p.day AS day,
               p.views AS views, p.shares AS shares, p.likes AS likes, p.comments AS comments
        FROM chuanbo.platform_counts AS p
        WHERE p.day >= first_day
    ),
    pieces AS (
        SELECT article_id, any(office) AS office FROM chuanbo.articles GROUP BY article_id
    ),
    cells AS (
        SELECT
            toStartOfMonth(coalesce(c.day, r.day))                            AS month_start,
            coalesce(c.office, a.office, 'unknown')                           AS office,
            coalesce(c.channel, r.channel)                                    AS channel,
            greatest(coalesce(c.views, 0), coalesce(r.views, 0))              AS views,
            coalesce(c.views, 0)                                              AS counted_views,
            greatest(coalesce(c.shares, 0), coalesce(r.shares, 0))            AS shares,
            greatest(coalesce(c.likes, 0), coalesce(r.likes, 0))              AS likes,
            greatest(coalesce(c.comments, 0), coalesce(r.comments, 0))        AS comments,
            coalesce(c.reposts, 0)                                            AS reposts,
            coalesce(c.engaged_ms_sum, 0)                                     AS engaged_ms_sum,
            coalesce(c.engaged_count, 0)                                      AS engaged_count
        FROM event_cells AS c
        FULL OUTER JOIN report_cells AS r
            ON c.article_id = r.article_id AND c.channel = r.channel AND c.day = r.day
        LEFT JOIN pieces AS a ON a.article_id = coalesce(c.article_id, r.article_id)
        SETTINGS join_use_nulls = 1
    ),
    figures AS (
        SELECT month_start, office, channel,
               sum(views) AS views, sum(counted_views) AS counted_views, sum(shares) AS shares,
               sum(likes) AS likes, sum(comments) AS comments, sum(reposts) AS reposts,
               sum(engaged_ms_sum) AS engaged_ms_sum, sum(engaged_count) AS engaged_count
        FROM cells
        GROUP BY month_start, office, channel
    ),
    reach AS (
        SELECT toStartOfMonth(r.day) AS month_start, r.office AS office, r.channel AS channel,
               uniqExactMergeState(r.viewers) AS viewers
        FROM chuanbo.reach_daily AS r
        WHERE r.day >= first_day
        GROUP BY month_start, office, channel
    )
SELECT
    formatDateTime(f.month_start, '%Y-%m')                    AS month,
    f.office                                                  AS office,
    if(o.name = '', f.office, o.name)                         AS office_name,
    f.channel                                                 AS channel,
    if(ch.name = '', f.channel, ch.name)                      AS channel_name,
    f.views                                                   AS views,
    f.counted_views                                           AS counted_views,
    f.shares                                                  AS shares,
    f.likes                                                   AS likes,
    f.comments                                                AS comments,
    f.reposts                                                 AS reposts,
    f.likes + f.comments + f.shares + f.reposts               AS engagements,
    f.engaged_ms_sum                                          AS engaged_ms_sum,
    f.engaged_count                                           AS engaged_count,
    r.viewers                                                 AS viewers
FROM figures AS f
LEFT JOIN reach AS r ON r.month_start = f.month_start AND r.office = f.office AND r.channel = f.channel
LEFT JOIN (SELECT code, any(name) AS name FROM chuanbo.offices GROUP BY code) AS o ON o.code = f.office
LEFT JOIN (SELECT code, any(name) AS name FROM chuanbo.channels GROUP BY code) AS ch ON ch.code = f.channel
