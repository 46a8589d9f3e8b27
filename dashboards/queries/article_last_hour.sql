-- One piece, minute by minute, over the 60 minutes up to its latest minute with activity.
-- Parameters: {article_id:String}.
WITH (SELECT max(minute) FROM chuanbo.article_minute WHERE article_id = {article_id:String}) AS latest
SELECT minute, sum(views) AS views, sum(shares) AS shares
FROM chuanbo.article_minute
WHERE article_id = {article_id:String} AND minute > latest - INTERVAL 60 MINUTE
GROUP BY minute
ORDER BY minute
