-- How one piece spread, as the job last summed it up (chuanbo.article_spread, the latest revision):
-- reach (exact or estimated), effective vs counted views and shares (the platform's reports fill
-- the difference), direct vs via-share views and amplification, outlets and the first repost,
-- the share tree's depth, size and structural virality, channel coverage and the DI.
-- No row: the job has not summed the piece up yet. Parameters: {article_id:String}.
SELECT
    s.revision                                                        AS revision,
    s.reach                                                           AS reach,
    s.reach_exact                                                     AS reach_exact,
    s.views                                                           AS views,
    s.counted_views                                                   AS counted_views,
    s.direct_views                                                    AS direct_views,
    s.via_share_views                                                 AS via_share_views,
    s.amplification                                                   AS amplification,
    s.shares                                                          AS shares,
    s.counted_shares                                                  AS counted_shares,
    s.reposts                                                         AS reposts,
    s.likes                                                           AS likes,
    s.comments                                                        AS comments,
    s.engagements                                                     AS engagements,
    s.outlets                                                         AS outlets,
    ifNull(formatDateTime(s.first_repost_at, '%Y-%m-%d %H:%i:%S'), '') AS first_repost_at,
    s.cascade_shares                                                  AS cascade_shares,
    s.pending_shares                                                  AS pending_shares,
    s.orphaned_shares                                                 AS orphaned_shares,
    s.max_depth                                                       AS max_depth,
    s.mean_depth                                                      AS mean_depth,
    s.structural_virality                                             AS structural_virality,
    s.structural_virality_estimated                                   AS structural_virality_estimated,
    s.channels                                                        AS channels,
    s.di                                                              AS di,
    s.di_config_version                                               AS di_config_version,
    formatDateTime(s.updated_at, '%Y-%m-%d %H:%i:%S')                 AS updated_at
FROM chuanbo.article_spread AS s
WHERE s.article_id = {article_id:String}
