package org.chuanbo.clickhouse.local.engine;

/** What the engine reports about one statement: the figures behind X-ClickHouse-Summary. */
public record QueryStatistics(
    long rowsRead, long bytesRead, long rowsWritten, long bytesWritten, double elapsedSeconds) {}
