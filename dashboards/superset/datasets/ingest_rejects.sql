-- 数据质量, what was refused: per minute (when the record reached Kafka, Shanghai wall clock as a
-- DateTime without zone) over the last 24 hours, the records the job rejected by topic and reason
-- (they went to the dead-letter topic chuanbo.events.dlq with that reason) and the duplicate
-- deliveries of an event it had already counted (outcome 'duplicate'), from
-- chuanbo.ingest_quality_minute (additive rows, so sum() is exact).
WITH now('Asia/Shanghai') AS now_sh
SELECT
    toDateTime(toString(q.minute), 'UTC')   AS minute,
    q.topic                                 AS topic,
    q.outcome                               AS outcome,
    q.reason                                AS reason,
    sum(q.records)                          AS records
FROM chuanbo.ingest_quality_minute AS q
WHERE q.minute > now_sh - INTERVAL 24 HOUR
GROUP BY minute, topic, outcome, reason
