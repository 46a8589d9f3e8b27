-- How much of a period has reached the tables: events stored and views counted, by event time.
-- `./chuanbo demo` waits on it. Parameters: {from:Int64}, {to:Int64} (epoch seconds, to exclusive).
SELECT
    (SELECT count() FROM chuanbo.events
     WHERE toUnixTimestamp(event_time) >= {from:Int64} AND toUnixTimestamp(event_time) < {to:Int64}) AS events,
    (SELECT sum(views) FROM chuanbo.article_minute
     WHERE toUnixTimestamp(minute) >= {from:Int64} AND toUnixTimestamp(minute) < {to:Int64}) AS views
