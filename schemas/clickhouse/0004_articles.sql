-- Articles from the CMS: every version the job saw, and the view `articles` with the latest
-- version of each (by updated_at), so a dashboard joins one row per article without FINAL.
CREATE TABLE IF NOT EXISTS chuanbo.article_versions
(
    article_id    String,
    title         String,
    office        LowCardinality(String),
    series        LowCardinality(String),
    content_type  LowCardinality(String),
    editor        String,
    published_at  DateTime64(3, 'Asia/Shanghai'),
    updated_at    DateTime64(3, 'Asia/Shanghai')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY article_id
SETTINGS non_replicated_deduplication_window = 10000;

CREATE VIEW IF NOT EXISTS chuanbo.articles AS
SELECT
    v.article_id AS article_id,
    argMax(v.title, v.updated_at)        AS title,
    argMax(v.office, v.updated_at)       AS office,
    argMax(v.series, v.updated_at)       AS series,
    argMax(v.content_type, v.updated_at) AS content_type,
    argMax(v.editor, v.updated_at)       AS editor,
    argMax(v.published_at, v.updated_at) AS published_at,
    max(v.updated_at)                    AS updated_at
FROM chuanbo.article_versions AS v
GROUP BY v.article_id;
