-- The outlets that reposted (转载) the office's pieces in the period, for the monthly report (月报):
-- per outlet, its REPOST events, the distinct pieces it reposted and its first repost. Most reposts
-- first; ties by outlet name.
-- Parameters: {from:DateTime64(3, 'Asia/Shanghai')}, {to:DateTime64(3, 'Asia/Shanghai')} (to
-- exclusive), {office:String} (a code, '' = every office), {limit:UInt32}.
SELECT
    coalesce(e.outlet, '（未注明）')              AS outlet,
    count()                                      AS reposts,
    uniqExact(e.article_id)                      AS pieces,
    min(e.event_time)                            AS first_repost_at
FROM chuanbo.events AS e
WHERE e.event_type = 'REPOST'
  AND e.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
  AND e.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
  AND ({office:String} = '' OR e.office = {office:String})
GROUP BY outlet
ORDER BY reposts DESC, outlet
LIMIT {limit:UInt32}
