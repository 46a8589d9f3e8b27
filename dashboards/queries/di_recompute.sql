-- The dissemination index (传播力指数) of every article, recomputed from the stored components
-- alone: article_spread's values and the weights and caps of the config version each row names
-- (chuanbo.di_config, copied from schemas/dissemination-index/). Equals article_spread.di for every
-- article: same formula, same order of summation, same rounding.
--   DI = round(1000 × Σ_k weight_k × min(1, ln(1 + x_k) / ln(1 + cap_k)), 1)
-- No parameters. Columns: article_id, di, stored_di, di_config_version.
WITH config AS
(
    SELECT
        version,
        anyIf(weight, component = 'reach')       AS w_reach,
        anyIf(cap, component = 'reach')          AS c_reach,
        anyIf(weight, component = 'views')       AS w_views,
        anyIf(cap, component = 'views')          AS c_views,
        anyIf(weight, component = 'engagements') AS w_engagements,
        anyIf(cap, component = 'engagements')    AS c_engagements,
        anyIf(weight, component = 'shares')      AS w_shares,
        anyIf(cap, component = 'shares')         AS c_shares,
        anyIf(weight, component = 'reposts')     AS w_reposts,
        anyIf(cap, component = 'reposts')        AS c_reposts,
        anyIf(weight, component = 'depth')       AS w_depth,
        anyIf(cap, component = 'depth')          AS c_depth,
        anyIf(weight, component = 'channels')    AS w_channels,
        anyIf(cap, component = 'channels')       AS c_channels
    FROM chuanbo.di_config
    GROUP BY version
)
SELECT
    s.article_id AS article_id,
    round(
          1000 * c.w_reach       * least(1, log1p(toFloat64(s.reach))       / log1p(c.c_reach))
        + 1000 * c.w_views       * least(1, log1p(toFloat64(s.views))       / log1p(c.c_views))
        + 1000 * c.w_engagements * least(1, log1p(toFloat64(s.engagements)) / log1p(c.c_engagements))
        + 1000 * c.w_shares      * least(1, log1p(toFloat64(s.shares))      / log1p(c.c_shares))
        + 1000 * c.w_reposts     * least(1, log1p(toFloat64(s.reposts))     / log1p(c.c_reposts))
        + 1000 * c.w_depth       * least(1, log1p(toFloat64(s.max_depth))   / log1p(c.c_depth))
        + 1000 * c.w_channels    * least(1, log1p(toFloat64(s.channels))    / log1p(c.c_channels)),
        1) AS di,
    s.di AS stored_di,
    s.di_config_version AS di_config_version
FROM chuanbo.article_spread AS s
INNER JOIN config AS c ON c.version = s.di_config_version
ORDER BY article_id
