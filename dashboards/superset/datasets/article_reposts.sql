-- 转载记录: every REPOST of a piece, with the outlet, the channel it was reposted from and the
-- Shanghai time, newest first in the chart.
SELECT
    e.article_id                                                        AS article_id,
    concat(coalesce(a.title, '（未知稿件）'), '（', e.article_id, '）')  AS article,
    e.office                                                            AS office,
    coalesce(e.outlet, '（未注明）')                                     AS outlet,
    coalesce(ch.name, e.channel)                                        AS channel_name,
    formatDateTime(e.event_time, '%Y-%m-%d %H:%i:%S', 'Asia/Shanghai')  AS reposted_at
FROM chuanbo.events AS e
LEFT JOIN chuanbo.articles AS a ON a.article_id = e.article_id
LEFT JOIN (SELECT code, any(name) AS name FROM chuanbo.channels GROUP BY code) AS ch ON ch.code = e.channel
WHERE e.event_type = 'REPOST'
SETTINGS join_use_nulls = 1
