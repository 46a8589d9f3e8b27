-- One piece, minute by minute, over the 60 minutes up to its latest minute with activity: exactly
-- 60 rows, minutes without activity as zeros, so the bars line up with time. No row when the piece
-- has no minute at all. Parameters: {article_id:String}.
WITH ifNull((SELECT max(minute) FROM chuanbo.article_minute WHERE article_id = {article_id:String}),
             toDateTime(0, 'Asia/Shanghai')) AS latest
SELECT minute, views, shares
FROM
(
    SELECT minute, sum(views) AS views, sum(shares) AS shares
    FROM chuanbo.article_minute
    WHERE article_id = {article_id:String} AND minute > latest - INTERVAL 60 MINUTE
    GROUP BY minute
    ORDER BY minute WITH FILL FROM latest - INTERVAL 59 MINUTE TO latest + INTERVAL 1 MINUTE STEP 60
)
-- max() over no rows is the epoch: a piece without minutes gets no rows, not 60 zeros in 1970.
WHERE latest > toDateTime(0, 'Asia/Shanghai')
ORDER BY minute
