-- One piece's title, office and publication time. Parameters: {article_id:String}.
SELECT a.article_id, a.title, coalesce(o.name, a.office) AS office, a.series, a.editor,
       formatDateTime(a.published_at, '%Y-%m-%d %H:%i') AS published_at
FROM chuanbo.articles AS a
LEFT JOIN chuanbo.offices AS o ON o.code = a.office
WHERE a.article_id = {article_id:String}
SETTINGS join_use_nulls = 1
