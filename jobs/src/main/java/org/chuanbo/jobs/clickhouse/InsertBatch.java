package org.chuanbo.jobs.clickhouse;

/**
 * The rows one sink subtask collected between two checkpoints, ready to insert once the checkpoint
 * completes. The token makes the insert idempotent: ClickHouse drops a second insert with the same
 * {@code insert_deduplication_token}, so committing again after a failure is safe.
 *
 * @param payload JSONEachRow lines
 */
public record InsertBatch(String table, String token, int rows, byte[] payload) {}
