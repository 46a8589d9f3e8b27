-- 数据质量, what arrived: per minute of arrival in ClickHouse (ingested_at, Shanghai wall clock as a
-- DateTime without zone) over the last 24 hours, the events accepted, those stored more than an
-- hour after they happened (late: a report run before they arrived missed them, as in the monthly
-- report's quality section), and the delay from event time to storage (lag_ms_max, and lag_ms_sum
-- with events for the mean).
WITH now64(3, 'Asia/Shanghai') AS now_sh
SELECT
    toDateTime(toString(toStartOfMinute(e.ingested_at)), 'UTC')                       AS minute,
    e.office                                                                          AS office,
    count()                                                                           AS events,
    countIf(e.ingested_at > e.event_time + INTERVAL 1 HOUR)                            AS late_events,
    sum(greatest(0, toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time))) AS lag_ms_sum,
    max(greatest(0, toUnixTimestamp64Milli(e.ingested_at) - toUnixTimestamp64Milli(e.event_time))) AS lag_ms_max
FROM chuanbo.events AS e
WHERE e.ingested_at > now_sh - INTERVAL 24 HOUR
GROUP BY minute, office
