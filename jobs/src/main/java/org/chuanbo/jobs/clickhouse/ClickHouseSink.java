package org.chuanbo.jobs.clickhouse;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Exactly-once into a ClickHouse table: rows are collected per checkpoint ({@link
 * ClickHouseSinkWriter}) and inserted when the checkpoint completes ({@link ClickHouseCommitter})
 * with an {@code insert_deduplication_token}, so neither a restart nor a retried commit doubles or
 * drops a row. Metrics per subtask: {@code clickhouseRowsWritten}, the rows of batches ClickHouse
 * took (a batch committed again after a restart counts again, though ClickHouse stores it once),
 * and {@code clickhouseRowsBuffered}, the rows collected for the next checkpoint's batch.
 */
public final class ClickHouseSink<T> implements Sink<T>, SupportsCommitter<InsertBatch> {

  private final ClickHouseEndpoint endpoint;
  private final RowMapping<T> mapping;
  private final RefusedRows refusedRows;

  /** A sink whose rows ClickHouse never refuses; if it does, the commit fails. */
  public ClickHouseSink(ClickHouseEndpoint endpoint, RowMapping<T> mapping) {
    this(endpoint, mapping, RefusedRows.NONE);
  }

  /**
   * @param refusedRows where a row goes that ClickHouse refuses for good, so the rest commits
   */
  public ClickHouseSink(
      ClickHouseEndpoint endpoint, RowMapping<T> mapping, RefusedRows refusedRows) {
    this.endpoint = endpoint;
    this.mapping = mapping;
    this.refusedRows = refusedRows;
  }

  @Override
  public CommittingSinkWriter<T, InsertBatch> createWriter(WriterInitContext context) {
    return new ClickHouseSinkWriter<>(
        mapping,
        context.getTaskInfo().getIndexOfThisSubtask(),
        context.metricGroup().counter("clickhouseRowsBuffered"));
  }

  @Override
  public Committer<InsertBatch> createCommitter(CommitterInitContext context) {
    return new ClickHouseCommitter(
        endpoint,
        refusedRows,
        ClickHouseCommitter.OUTAGE_BUDGET,
        context.metricGroup().counter("clickhouseRowsWritten"));
  }

  @Override
  public SimpleVersionedSerializer<InsertBatch> getCommittableSerializer() {
    return new InsertBatchSerializer();
  }
}
