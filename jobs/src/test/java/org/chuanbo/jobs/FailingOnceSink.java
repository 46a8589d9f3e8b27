package org.chuanbo.jobs;

import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.chuanbo.jobs.clickhouse.ClickHouseSink;
import org.chuanbo.jobs.clickhouse.InsertBatch;

/**
 * A ClickHouse sink that fails the job once, after a given number of rows: the job must restart
 * from its last checkpoint and still end with exact figures. Static flags, because the whole
 * MiniCluster runs in the test's JVM.
 */
final class FailingOnceSink<T> implements Sink<T>, SupportsCommitter<InsertBatch> {

  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicLong ROWS = new AtomicLong();

  private final ClickHouseSink<T> delegate;
  private final long failAfterRows;

  FailingOnceSink(ClickHouseSink<T> delegate, long failAfterRows) {
    this.delegate = delegate;
    this.failAfterRows = failAfterRows;
  }

  @Override
  public CommittingSinkWriter<T, InsertBatch> createWriter(WriterInitContext context)
      throws IOException {
    CommittingSinkWriter<T, InsertBatch> writer = delegate.createWriter(context);
    return new CommittingSinkWriter<>() {
      @Override
      public void write(T element, Context elementContext)
          throws IOException, InterruptedException {
        if (ROWS.incrementAndGet() >= failAfterRows && FAILED.compareAndSet(false, true)) {
          throw new IOException("injected failure after " + failAfterRows + " rows");
        }
        writer.write(element, elementContext);
      }

      @Override
      public Collection<InsertBatch> prepareCommit() throws IOException, InterruptedException {
        return writer.prepareCommit();
      }

      @Override
      public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writer.flush(endOfInput);
      }

      @Override
      public void close() throws Exception {
        writer.close();
      }
    };
  }

  @Override
  public Committer<InsertBatch> createCommitter(CommitterInitContext context) throws IOException {
    return delegate.createCommitter(context);
  }

  @Override
  public SimpleVersionedSerializer<InsertBatch> getCommittableSerializer() {
    return delegate.getCommittableSerializer();
  }
}
