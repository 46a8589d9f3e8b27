-- What the dissemination index's caps should be, from history: for each DI component, the
-- distribution of its value over the pieces whose article_spread row was updated in [from, to)
-- (count, p50, p90, p99, max), next to the weight and cap of the latest chuanbo.di_config version.
-- Percentiles are quantilesExact: the value at position ⌊q·n⌋ (0-based) of the n sorted values,
-- an actual value, never interpolated. `./chuanbo di calibrate` proposes p99, rounded up, as the
-- new cap. No row when no piece was updated in the period; weight, cap and position are NULL (and
-- config_version 0) when di_config is empty.
-- Component → column of article_spread: reach, views, engagements, shares, reposts,
-- depth → max_depth, channels (schemas/dissemination-index/v1.properties).
-- Parameters: {from:DateTime64(3, 'Asia/Shanghai')}, {to:DateTime64(3, 'Asia/Shanghai')}.
WITH
    (SELECT max(version) FROM chuanbo.di_config) AS latest_version,
    observed AS (
        SELECT
            component,
            count()                                      AS articles,
            quantilesExact(0.5, 0.9, 0.99)(value)        AS percentiles,
            max(value)                                   AS largest
        FROM
        (
            SELECT reach, views, engagements, shares, reposts, max_depth, channels
            FROM chuanbo.article_spread
            WHERE updated_at >= {from:DateTime64(3, 'Asia/Shanghai')}
              AND updated_at < {to:DateTime64(3, 'Asia/Shanghai')}
        )
        ARRAY JOIN
            ['reach', 'views', 'engagements', 'shares', 'reposts', 'depth', 'channels'] AS component,
            [toUInt64(reach), toUInt64(views), toUInt64(engagements), toUInt64(shares),
             toUInt64(reposts), toUInt64(max_depth), toUInt64(channels)] AS value
        GROUP BY component
    ),
    config AS (
        -- di_config is a ReplacingMergeTree: before a merge a re-copied version can appear twice.
        SELECT component, any(position) AS position, any(weight) AS weight, any(cap) AS cap
        FROM chuanbo.di_config
        WHERE version = latest_version
        GROUP BY component
    )
SELECT
    o.component         AS component,
    o.articles          AS articles,
    o.percentiles[1]    AS p50,
    o.percentiles[2]    AS p90,
    o.percentiles[3]    AS p99,
    o.largest           AS max,
    latest_version      AS config_version,
    k.position          AS position,
    k.weight            AS weight,
    k.cap               AS cap
FROM observed AS o
LEFT JOIN config AS k ON k.component = o.component
ORDER BY coalesce(k.position, 255),
         indexOf(['reach', 'views', 'engagements', 'shares', 'reposts', 'depth', 'channels'], o.component)
SETTINGS join_use_nulls = 1
