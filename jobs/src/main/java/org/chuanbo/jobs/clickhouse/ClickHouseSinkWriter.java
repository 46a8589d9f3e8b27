package org.chuanbo.jobs.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.metrics.Counter;

/**
 * Collects rows until the next checkpoint, then hands them over as one {@link InsertBatch}. Nothing
 * reaches ClickHouse before its checkpoint completes, which is what keeps a restart from counting a
 * row twice.
 */
final class ClickHouseSinkWriter<T> implements CommittingSinkWriter<T, InsertBatch> {

  private static final JsonFactory JSON = new JsonFactory();

  private final RowMapping<T> mapping;
  private final int subtask;

  /** New on every start, so batches of a restarted job never reuse a committed batch's token. */
  private final String incarnation = UUID.randomUUID().toString();

  private final Counter rowsWritten;
  private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private JsonGenerator json;
  private int rows;
  private long batchNumber;

  ClickHouseSinkWriter(RowMapping<T> mapping, int subtask, Counter rowsWritten) {
    this.mapping = mapping;
    this.subtask = subtask;
    this.rowsWritten = rowsWritten;
  }

  @Override
  public void write(T element, Context context) throws IOException {
    if (json == null) {
      json = JSON.createGenerator(buffer);
      json.setRootValueSeparator(null);
    }
    mapping.write(element, json);
    json.writeRaw('\n');
    rows++;
    rowsWritten.inc();
  }

  @Override
  public Collection<InsertBatch> prepareCommit() throws IOException {
    if (rows == 0) {
      return List.of();
    }
    json.close();
    String token = mapping.table() + "/" + subtask + "/" + incarnation + "/" + batchNumber++;
    InsertBatch batch = new InsertBatch(mapping.table(), token, rows, buffer.toByteArray());
    buffer = new ByteArrayOutputStream();
    json = null;
    rows = 0;
    return List.of(batch);
  }

  @Override
  public void flush(boolean endOfInput) {
    // Rows leave only through prepareCommit, at a checkpoint or at the end of the input.
  }

  @Override
  public void close() throws IOException {
    if (json != null) {
      json.close();
    }
  }
}
