-- One piece's share tree by generation (传播层级): how many shares each generation holds, where
-- generation 1 is a share of the piece itself, 2 a share of such a share, and so on, and how many
-- of them were attached under the root because their parent share never arrived (parent_missing).
-- From chuanbo.share_cascade, one row per share, written once. Parameters: {article_id:String}.
SELECT
    c.generation             AS generation,
    count()                  AS shares,
    countIf(c.parent_missing = 1) AS parent_missing
FROM chuanbo.share_cascade AS c
WHERE c.article_id = {article_id:String}
GROUP BY c.generation
ORDER BY c.generation
