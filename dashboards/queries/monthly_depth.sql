-- How deep the office's pieces spread in the period (传播层级), for the monthly report (月报): the
-- shares made in the period that the job attached to their share trees (chuanbo.share_cascade),
-- per generation (1 = a share of the piece itself, 2 = a share of a share, …), with how many
-- pieces reached that generation in the period and how many shares were attached under the piece
-- because their parent never arrived. Shares still waiting for their parent have no row yet.
-- Parameters: {from:DateTime64(3, 'Asia/Shanghai')}, {to:DateTime64(3, 'Asia/Shanghai')} (to
-- exclusive), {office:String} (a code, '' = every office).
SELECT
    c.generation                    AS generation,
    count()                         AS shares,
    uniqExact(c.article_id)         AS pieces,
    countIf(c.parent_missing = 1)   AS parent_missing
FROM chuanbo.share_cascade AS c
WHERE c.event_time >= {from:DateTime64(3, 'Asia/Shanghai')}
  AND c.event_time < {to:DateTime64(3, 'Asia/Shanghai')}
  AND ({office:String} = '' OR c.office = {office:String})
GROUP BY generation
ORDER BY generation
