package org.chuanbo.jobs;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * A ClickHouse sink whose committer crashes the job once, right after a batch has gone into
 * ClickHouse: the checkpoint that would record the batch as done has not completed, so the job
 * restores the one before and commits the same batch again. Its token must make ClickHouse drop the
 * repeat. Static state, because the whole MiniCluster runs in the test's JVM.
 */
final class CrashAfterCommitSink<T> implements Sink<T>, SupportsCommitter<InsertBatch> {

  static final AtomicBoolean CRASHED = new AtomicBoolean();

  /** Tokens of every batch committed, and of those committed more than once. */
  static final Set<String> COMMITTED = ConcurrentHashMap.newKeySet();

  static final Set<String> COMMITTED_AGAIN = ConcurrentHashMap.newKeySet();

  private final ClickHouseSink<T> delegate;

  CrashAfterCommitSink(ClickHouseSink<T> delegate) {
    this.delegate = delegate;
  }

  static void reset() {
    CRASHED.set(false);
    COMMITTED.clear();
    COMMITTED_AGAIN.clear();
  }

  @Override
  public CommittingSinkWriter<T, InsertBatch> createWriter(WriterInitContext context)
      throws IOException {
    return delegate.createWriter(context);
  }

  @Override
  public Committer<InsertBatch> createCommitter(CommitterInitContext context) throws IOException {
    Committer<InsertBatch> committer = delegate.createCommitter(context);
    return new Committer<>() {
      @Override
      public void commit(Collection<CommitRequest<InsertBatch>> requests)
          throws IOException, InterruptedException {
        List<String> tokens =
            requests.stream()
                .map(CommitRequest::getCommittable)
                .filter(batch -> batch.rows() > 0)
                .map(InsertBatch::token)
                .toList();
        committer.commit(requests);
        for (String token : tokens) {
          if (!COMMITTED.add(token)) {
            COMMITTED_AGAIN.add(token);
          }
        }
        if (!tokens.isEmpty() && CRASHED.compareAndSet(false, true)) {
          throw new IllegalStateException(
              "injected crash after committing " + tokens + ", before the next checkpoint");
        }
      }

      @Override
      public void close() throws Exception {
        committer.close();
      }
    };
  }

  @Override
  public SimpleVersionedSerializer<InsertBatch> getCommittableSerializer() {
    return delegate.getCommittableSerializer();
  }
}
