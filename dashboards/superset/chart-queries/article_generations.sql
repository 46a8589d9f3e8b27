-- Generated, do not edit. The SQL Superset (pinned: dashboards/superset/requirements.lock)
-- generates for the chart 「各层级分享数（第1层为直接分享）」
-- (article_generations, dataset article_breakdown) from its saved query context,
-- as GET /api/v1/chart/<id>/data/?type=query answers the leader: every office,
-- no row-level security clause (an editor's query adds office = '<office>').
-- ./chuanbo bench times it; DashboardsCommandITCase fails when Superset's answer differs
-- from this file. Regenerate:
--   nice mvn -B -o -pl deploy/launcher -am verify -Dspotless.check.skip=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardsCommandITCase -Dfailsafe.failIfNoSpecifiedTests=false -Dchuanbo.writeChartQueries=true
SELECT `item` AS `item`, SUM(value) AS `total_value`, MIN(item_order) AS `first_item` 
FROM (-- 稿件传播, one piece taken apart (chuanbo.article_spread), one row per item:
--   kind 'source': 直接阅读 / 转发带来阅读 — direct and via-share views (value);
--   kind 'generation': shares per cascade generation (item_order = generation 1, 2, …; value);
--   kind 'di': each component of the dissemination index with its stored value (value) and the
--     points it adds to the DI (points), in the config's order.
WITH
    pieces AS (
        SELECT
            s.*,
            concat(coalesce(a.title, '（未知稿件）'), '（', s.article_id, '）') AS article
        FROM chuanbo.article_spread AS s
        LEFT JOIN chuanbo.articles AS a ON a.article_id = s.article_id
        SETTINGS join_use_nulls = 1
    )
SELECT p.article_id AS article_id, p.article AS article, p.office AS office,
       'source' AS kind, item, item_order, value, toFloat64(0) AS points
FROM pieces AS p
ARRAY JOIN ['直接阅读', '转发带来阅读'] AS item, [1, 2] AS item_order,
           [toFloat64(p.direct_views), toFloat64(p.via_share_views)] AS value
UNION ALL
SELECT p.article_id, p.article, p.office,
       'generation', concat('第', toString(g), '层'), g, toFloat64(p.shares_per_generation[g]), 0
FROM pieces AS p
ARRAY JOIN arrayEnumerate(p.shares_per_generation) AS g
UNION ALL
SELECT p.article_id, p.article, p.office, 'di', item, item_order, value, points
FROM pieces AS p
ARRAY JOIN
    ['触达人数', '阅读/播放量', '互动数', '分享数', '转载数', '传播层级', '渠道覆盖'] AS item,
    [1, 2, 3, 4, 5, 6, 7] AS item_order,
    [toFloat64(p.reach), toFloat64(p.views), toFloat64(p.engagements), toFloat64(p.shares),
     toFloat64(p.reposts), toFloat64(p.max_depth), toFloat64(p.channels)] AS value,
    [p.di_reach, p.di_views, p.di_engagements, p.di_shares, p.di_reposts, p.di_depth,
     p.di_channels] AS points
) AS `virtual_table` 
WHERE ((kind = 'generation')) GROUP BY `item` ORDER BY `first_item` ASC
 LIMIT 100;
