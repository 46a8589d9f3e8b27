-- Who reposted one piece (转载): each outlet and how often. Parameters: {article_id:String}.
SELECT outlet, count() AS reposts
FROM chuanbo.events
WHERE article_id = {article_id:String} AND event_type = 'REPOST'
GROUP BY outlet
ORDER BY reposts DESC, outlet
