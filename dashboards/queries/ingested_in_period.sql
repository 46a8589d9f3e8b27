-- How much of a period has reached the tables: events stored and views counted, by event time.
-- `./chuanbo demo` waits on it. Parameters: {from:Int64}, {to:Int64} (epoch seconds, to exclusive).
-- The bounds are compared with the columns themselves, not with toUnixTimestamp() of every row: the
-- same rows (a time is at or after a whole second exactly when its whole seconds are), but the
-- engine can then answer for parts that lie wholly inside the period from their metadata alone.
SELECT
    (SELECT count() FROM chuanbo.events
     WHERE event_time >= fromUnixTimestamp64Milli({from:Int64} * 1000, 'Asia/Shanghai')
       AND event_time < fromUnixTimestamp64Milli({to:Int64} * 1000, 'Asia/Shanghai')) AS events,
    (SELECT sum(views) FROM chuanbo.article_minute
     WHERE toUnixTimestamp(minute) >= {from:Int64} AND toUnixTimestamp(minute) < {to:Int64}) AS views
