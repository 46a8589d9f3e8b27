-- Platform-reported counts (DOMAIN.md "Platform-reported counts"): every report the job accepted
-- from chuanbo.platform_counts, and the view platform_counts with one current row per
-- (article_id, channel, day): the report with the latest as_of (ties: the greater report_id),
-- whatever order the reports arrived in. Revisions replace, never add.
CREATE TABLE IF NOT EXISTS chuanbo.platform_count_reports
(
    report_id    String,
    article_id   String,
    channel      LowCardinality(String),
    day          Date,
    as_of        DateTime64(3, 'Asia/Shanghai'),
    views        UInt64,
    shares       UInt64,
    likes        UInt64,
    comments     UInt64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (article_id, channel, day, as_of, report_id)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE VIEW IF NOT EXISTS chuanbo.platform_counts AS
SELECT
    r.article_id                              AS article_id,
    r.channel                                 AS channel,
    r.day                                     AS day,
    max(r.as_of)                              AS as_of,
    argMax(r.report_id, (r.as_of, r.report_id)) AS report_id,
    argMax(r.views, (r.as_of, r.report_id))    AS views,
    argMax(r.shares, (r.as_of, r.report_id))   AS shares,
    argMax(r.likes, (r.as_of, r.report_id))    AS likes,
    argMax(r.comments, (r.as_of, r.report_id)) AS comments,
    uniqExact(r.report_id)                    AS reports
FROM chuanbo.platform_count_reports AS r
GROUP BY r.article_id, r.channel, r.day;
