-- The engine's own counters that ./chuanbo bench reads before and after the e2e phase, to say
-- what ClickHouse did with the job's rows (ClickHouseWork): the job's INSERTs with the views they
-- fire, the parts those wrote, the background merges of those parts, and the bench's SELECTs.
-- system.events holds every counter since the engine started; a counter that never moved is absent.
SELECT event, value
FROM system.events
WHERE event IN (
    'InsertQuery', 'InsertQueryTimeMicroseconds', 'InsertedRows', 'InsertedBytes',
    'MergeTreeDataWriterBlocks', 'MergeTreeDataWriterRows',
    'Merge', 'MergedRows', 'MergedUncompressedBytes', 'MergeTotalMilliseconds',
    'SelectQuery', 'SelectQueryTimeMicroseconds',
    'UserTimeMicroseconds', 'SystemTimeMicroseconds')
