-- One piece's dissemination index (传播力指数) component by component (DOMAIN.md "Dissemination
-- index"): the stored value x of each component, the weight and cap of the di_config version the
-- row was computed with, the points the job stored, and the points recomputed here from x, weight
-- and cap: 1000 × weight × min(1, ln(1 + x) / ln(1 + cap)), unrounded (the DI rounds only the sum,
-- schemas/dissemination-index/v1.properties). weight and cap are NULL when chuanbo.di_config does
-- not hold that version. Components in the config's order (position).
-- Component → column of article_spread: reach, views, engagements, shares, reposts,
-- depth → max_depth, channels (schemas/dissemination-index/v1.properties).
-- Parameters: {article_id:String}.
WITH
    spread AS (
        SELECT *
        FROM chuanbo.article_spread
        WHERE article_id = {article_id:String}
    ),
    components AS (
        SELECT
            component,
            value,
            points,
            spread.di_config_version AS version
        FROM spread
        ARRAY JOIN
            ['reach', 'views', 'engagements', 'shares', 'reposts', 'depth', 'channels'] AS component,
            [toFloat64(spread.reach), toFloat64(spread.views), toFloat64(spread.engagements),
             toFloat64(spread.shares), toFloat64(spread.reposts), toFloat64(spread.max_depth),
             toFloat64(spread.channels)] AS value,
            [spread.di_reach, spread.di_views, spread.di_engagements, spread.di_shares,
             spread.di_reposts, spread.di_depth, spread.di_channels] AS points
    ),
    config AS (
        -- di_config is a ReplacingMergeTree: before a merge a re-copied version can appear twice.
        SELECT version, component, any(position) AS position, any(weight) AS weight, any(cap) AS cap
        FROM chuanbo.di_config
        WHERE version = (SELECT di_config_version FROM spread)
        GROUP BY version, component
    )
SELECT
    c.component                                                            AS component,
    c.version                                                              AS version,
    c.value                                                                AS value,
    k.weight                                                               AS weight,
    k.cap                                                                  AS cap,
    c.points                                                               AS points,
    1000 * k.weight * least(1, log(1 + c.value) / log(1 + k.cap))         AS recomputed_points
FROM components AS c
LEFT JOIN config AS k ON k.version = c.version AND k.component = c.component
ORDER BY coalesce(k.position, 255), indexOf(['reach', 'views', 'engagements', 'shares', 'reposts', 'depth', 'channels'], c.component)
SETTINGS join_use_nulls = 1
