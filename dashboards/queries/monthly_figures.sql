-- The month's figures for the monthly report (月报), broken down one way: in total, per office, per
-- channel, per series or per Shanghai day. One row per key, with
--   views (阅读/播放量), effective: per article, channel and Shanghai day the greater of the counted
--     VIEW events and the platform's latest report (chuanbo.platform_counts), never their sum, then
--     summed (DOMAIN.md "Platform-reported counts"); counted_views keeps the events alone;
--   shares, likes, comments: effective the same way (as chuanbo.article_spread counts them);
--   reposts: REPOST events; engagements (互动数) = likes + comments + shares + reposts;
--   engaged_ms_sum / engaged_count: duration_ms over the VIEWs that carry one (平均阅读/收看时长 is
--     their quotient);
--   reach (触达人数): distinct reach_key over the key's VIEW events in the whole period, exactly,
--     never a sum of days or channels (counted in chuanbo.reach_viewers, see below);
--   events: every event of the period (0 means nothing happened);
--   published: pieces whose published_at falls in the period (chuanbo.articles; 0 per channel).
-- A piece's office is the one its events carry (as in reach_daily); a channel-day known only from a
-- platform report takes the office of chuanbo.articles. Keys are codes ('' in total and for pieces
-- without a series), names are Chinese. Rows: offices city first, then districts and counties;
-- channels and series by views; days in order.
-- Parameters: {from:DateTime64(3, 'Asia/Shanghai')}, {to:DateTime64(3, 'Asia/Shanghai')} (to
-- exclusive), {from_day:Date}, {to_day:Date} (the same period as Shanghai days, both included),
-- {office:String} (a code, '' = every office), {by:String} (total, office, channel, series or day).
-- Counts come from chuanbo.article_day (0012_article_day.sql: the same events counted per day,
-- article, office and channel by a materialized view) for the period's whole Shanghai days, from
-- chuanbo.article_hour (the same per hour) for the whole hours of its partial first and last days,
-- and from chuanbo.events for its partial first and last hours only: every event of the period is
-- in exactly one of the three, and a cell (article, channel, day) sums its parts.
WITH
    -- The whole days inside [from, to): from the day after `from` (or its own day, when it starts at
    -- midnight) up to the day `to` falls on, excluded; the whole hours likewise. Either is empty
    -- when the period is shorter than one.
    toDate({from:DateTime64(3, 'Asia/Shanghai')})
        + (toStartOfDay({from:DateTime64(3, 'Asia/Shanghai')}) != {from:DateTime64(3, 'Asia/Shanghai')}) AS whole_from,
    toDate({to:DateTime64(3, 'Asia/Shanghai')})                                                   AS whole_to,
    toStartOfHour({from:DateTime64(3, 'Asia/Shanghai')})
        + toIntervalHour(toStartOfHour({from:DateTime64(3, 'Asia/Shanghai')}) != {from:DateTime64(3, 'Asia/Shanghai')}) AS hours_from,
    toStartOfHour({to:DateTime64(3, 'Asia/Shanghai')})                                            AS hours_to,
    event_cells AS (
        SELECT
            p.article_id AS article_id, p.channel AS channel, p.day AS day, any(p.office) AS office,
            sum(p.events) AS events, sum(p.views) AS views, sum(p.shares) AS shares,
            sum(p.likes) AS likes, sum(p.comments) AS comments, sum(p.reposts) AS reposts,
            sum(p.engaged_ms_sum) AS engaged_ms_sum, sum(p.engaged_count) AS engaged_count
        FROM
        (
            SELECT
                d.article_id AS article_id, d.channel AS channel, d.day AS day,
                any(d.office) AS office,
                sum(d.events) AS events, sum(d.views) AS views, sum(d.shares) AS shares, sum(d.likes) AS likes,
                sum(d.comments) AS comments, sum(d.reposts) AS reposts, sum(d.engaged_ms_sum) AS engaged_ms_sum, sum(d.engaged_count) AS engaged_count
            FROM chuanbo.article_day AS d
            WHERE d.day >= whole_from AND d.day < whole_to
            GROUP BY article_id, channel, day
            UNION ALL
            SELECT
                h.article_id AS article_id, h.channel AS channel, toDate(h.hour) AS day,
                any(h.office) AS office,
                sum(h.events) AS events, sum(h.views) AS views, sum(h.shares) AS shares, sum(h.likes) AS likes,
                sum(h.comments) AS comments, sum(h.reposts) AS reposts, sum(h.engaged_ms_sum) AS engaged_ms_sum, sum(h.engaged_count) AS engaged_count
            FROM chuanbo.article_hour AS h
            WHERE h.hour >= hours_from AND h.hour < hours_to
              AND (h.hour < toDateTime(whole_from, 'Asia/Shanghai') OR h.hour >= toDateTime(whole_to, 'Asia/Shanghai'))
            GROUP BY article_id, channel, day
            UNION ALL
            SELECT
                e.article_id                                                  AS article_id,
                e.channel                                                     AS channel,
                toDate(e.event_time)                                          AS day,
                any(e.office)                                                 AS office,
                count()                                                       AS events,
                countIf(e.event_type = 'VIEW')                                AS views,
                countIf(e.event_type = 'SHARE')                               AS shares,
                countIf(e.event_type = 'LIKE')                                AS likes,
                countIf(e.event_type = 'COMMENT')                             AS comments,
                countIf(e.event_type = 'REPOST')                              AS reposts,
                sumIf(assumeNotNull(e.duration_ms), e.event_type = 'VIEW' AND e.duration_ms IS NOT NULL) AS engaged_ms_sum,
                countIf(e.event_type = 'VIEW' AND e.duration_ms IS NOT NULL)  AS engaged_count
            FROM chuanbo.events AS e
            WHERE e.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
              AND e.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
              AND (e.event_time < hours_from OR e.event_time >= hours_to)
            GROUP BY article_id, channel, day
        ) AS p
        GROUP BY article_id, channel, day
    ),
    report_cells AS (
        SELECT p.article_id AS article_id, p.channel AS channel, p.day AS day,
               p.views AS views, p.shares AS shares, p.likes AS likes, p.comments AS comments
        FROM chuanbo.platform_counts AS p
        WHERE p.day BETWEEN {from_day:Date} AND {to_day:Date}
    ),
    cells AS (
        SELECT
            coalesce(c.article_id, r.article_id)                     AS article_id,
            coalesce(c.channel, r.channel)                           AS channel,
            coalesce(c.day, r.day)                                   AS day,
            c.office                                                 AS event_office,
            coalesce(c.events, 0)                                    AS events,
            coalesce(c.views, 0)                                     AS counted_views,
            greatest(coalesce(c.views, 0), coalesce(r.views, 0))     AS views,
            greatest(coalesce(c.shares, 0), coalesce(r.shares, 0))   AS shares,
            greatest(coalesce(c.likes, 0), coalesce(r.likes, 0))     AS likes,
            greatest(coalesce(c.comments, 0), coalesce(r.comments, 0)) AS comments,
            coalesce(c.reposts, 0)                                   AS reposts,
            coalesce(c.engaged_ms_sum, 0)                            AS engaged_ms_sum,
            coalesce(c.engaged_count, 0)                             AS engaged_count
        FROM event_cells AS c
        FULL OUTER JOIN report_cells AS r
            ON c.article_id = r.article_id AND c.channel = r.channel AND c.day = r.day
    ),
    pieces AS (
        -- chuanbo.articles is one row per article; any() keeps the join from multiplying anyway.
        SELECT article_id, any(office) AS office, any(series) AS series, any(published_at) AS published_at
        FROM chuanbo.articles
        GROUP BY article_id
    ),
    attributed AS (
        SELECT
            c.*,
            coalesce(c.event_office, a.office, 'unknown') AS office,
            coalesce(a.series, '')                        AS series
        FROM cells AS c
        LEFT JOIN pieces AS a ON a.article_id = c.article_id
    ),
    figures AS (
        SELECT
            multiIf({by:String} = 'office', office, {by:String} = 'channel', channel,
                    {by:String} = 'series', series, {by:String} = 'day', toString(day), '') AS key,
            sum(events)          AS events,
            sum(views)           AS views,
            sum(counted_views)   AS counted_views,
            sum(shares)          AS shares,
            sum(likes)           AS likes,
            sum(comments)        AS comments,
            sum(reposts)         AS reposts,
            sum(engaged_ms_sum)  AS engaged_ms_sum,
            sum(engaged_count)   AS engaged_count
        FROM attributed
        WHERE {office:String} = '' OR office = {office:String}
        GROUP BY key
    ),
    -- Reach from chuanbo.reach_viewers (the same VIEW events, people bucketed by their reach_key
    -- hash): per key, per-bucket distinct counts summed, exact because a person falls in one
    -- bucket only (0011_reach_viewers.sql). A piece's series is looked up with transform() rather
    -- than a join, and only when {by} is 'series' (multiIf evaluates the branch it needs).
    -- One scalar for both arrays: two subqueries could each list the pieces in another order.
    (SELECT tuple(groupArray(article_id), groupArray(series)) FROM pieces) AS series_of,
    -- The buckets in four quarters, each counted start to end by one thread while the engine runs
    -- the quarters side by side (as in reach_period.sql): no thread's sets are merged into another's.
    reach_by_bucket AS (
        SELECT
            multiIf({by:String} = 'office', v.office, {by:String} = 'channel', v.channel,
                    {by:String} = 'series',
                    transform(toString(v.article_id), series_of.1, series_of.2, ''),
                    {by:String} = 'day', toString(toDate(v.event_time)), '') AS key,
            uniqExact(v.viewer) AS reach
        FROM chuanbo.reach_viewers AS v
        WHERE v.bucket >= 0 AND v.bucket < 256
          AND v.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
          AND v.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
          AND ({office:String} = '' OR v.office = {office:String})
        GROUP BY v.bucket, key
        SETTINGS max_threads = 1
        UNION ALL
        SELECT
            multiIf({by:String} = 'office', v.office, {by:String} = 'channel', v.channel,
                    {by:String} = 'series',
                    transform(toString(v.article_id), series_of.1, series_of.2, ''),
                    {by:String} = 'day', toString(toDate(v.event_time)), '') AS key,
            uniqExact(v.viewer) AS reach
        FROM chuanbo.reach_viewers AS v
        WHERE v.bucket >= 256 AND v.bucket < 512
          AND v.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
          AND v.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
          AND ({office:String} = '' OR v.office = {office:String})
        GROUP BY v.bucket, key
        SETTINGS max_threads = 1
        UNION ALL
        SELECT
            multiIf({by:String} = 'office', v.office, {by:String} = 'channel', v.channel,
                    {by:String} = 'series',
                    transform(toString(v.article_id), series_of.1, series_of.2, ''),
                    {by:String} = 'day', toString(toDate(v.event_time)), '') AS key,
            uniqExact(v.viewer) AS reach
        FROM chuanbo.reach_viewers AS v
        WHERE v.bucket >= 512 AND v.bucket < 768
          AND v.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
          AND v.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
          AND ({office:String} = '' OR v.office = {office:String})
        GROUP BY v.bucket, key
        SETTINGS max_threads = 1
        UNION ALL
        SELECT
            multiIf({by:String} = 'office', v.office, {by:String} = 'channel', v.channel,
                    {by:String} = 'series',
                    transform(toString(v.article_id), series_of.1, series_of.2, ''),
                    {by:String} = 'day', toString(toDate(v.event_time)), '') AS key,
            uniqExact(v.viewer) AS reach
        FROM chuanbo.reach_viewers AS v
        WHERE v.bucket >= 768 AND v.bucket < 1024
          AND v.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
          AND v.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
          AND ({office:String} = '' OR v.office = {office:String})
        GROUP BY v.bucket, key
        SETTINGS max_threads = 1
    ),
    reach AS (
        SELECT key, sum(reach) AS reach FROM reach_by_bucket GROUP BY key
    ),
    published AS (
        SELECT
            multiIf({by:String} = 'office', a.office, {by:String} = 'series', a.series,
                    {by:String} = 'day', toString(toDate(a.published_at)), '') AS key,
            count() AS published
        FROM pieces AS a
        WHERE a.published_at >= {from:DateTime64(3, 'Asia/Shanghai')}
          AND a.published_at < {to:DateTime64(3, 'Asia/Shanghai')}
          AND ({office:String} = '' OR a.office = {office:String})
          AND {by:String} != 'channel'
        GROUP BY key
    ),
    keyed AS (
        SELECT
            coalesce(f.key, p.key)          AS key,
            coalesce(f.events, 0)           AS events,
            coalesce(f.views, 0)            AS views,
            coalesce(f.counted_views, 0)    AS counted_views,
            coalesce(f.shares, 0)           AS shares,
            coalesce(f.likes, 0)            AS likes,
            coalesce(f.comments, 0)         AS comments,
            coalesce(f.reposts, 0)          AS reposts,
            coalesce(f.engaged_ms_sum, 0)   AS engaged_ms_sum,
            coalesce(f.engaged_count, 0)    AS engaged_count,
            coalesce(p.published, 0)        AS published
        FROM figures AS f
        FULL OUTER JOIN published AS p ON p.key = f.key
    ),
    office_names AS (
        SELECT code, any(name) AS name, any(level) AS level FROM chuanbo.offices GROUP BY code
    ),
    channel_names AS (
        SELECT code, any(name) AS name FROM chuanbo.channels GROUP BY code
    )
SELECT
    k.key                                                        AS key,
    multiIf({by:String} = 'office', coalesce(o.name, k.key),
            {by:String} = 'channel', coalesce(ch.name, k.key),
            {by:String} = 'series', if(k.key = '', '（无栏目）', k.key),
            {by:String} = 'total', '合计',
            k.key)                                               AS name,
    k.events                                                     AS events,
    k.views                                                      AS views,
    k.counted_views                                              AS counted_views,
    coalesce(r.reach, 0)                                         AS reach,
    k.shares                                                     AS shares,
    k.reposts                                                    AS reposts,
    k.likes                                                      AS likes,
    k.comments                                                   AS comments,
    k.likes + k.comments + k.shares + k.reposts                  AS engagements,
    k.engaged_ms_sum                                             AS engaged_ms_sum,
    k.engaged_count                                              AS engaged_count,
    k.published                                                  AS published
FROM keyed AS k
LEFT JOIN reach AS r ON r.key = k.key
LEFT JOIN office_names AS o ON o.code = k.key
LEFT JOIN channel_names AS ch ON ch.code = k.key
ORDER BY
    if({by:String} = 'office', indexOf(['hz', 'bb', 'pg', 'zs', 'zp', 'fc'], k.key) + 100 * (indexOf(['hz', 'bb', 'pg', 'zs', 'zp', 'fc'], k.key) = 0), 0),
    if({by:String} IN ('channel', 'series'), k.views, 0) DESC,
    k.key
SETTINGS join_use_nulls = 1
