package org.chuanbo.jobs.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;

/** Batches and commits the way the sink makes them, for tests of what a table does with them. */
public final class TestCommits {

  private TestCommits() {}

  /** The rows as one batch of the sink, with its deduplication token. */
  public static <T> InsertBatch batch(RowMapping<T> mapping, String token, List<T> rows)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = new JsonFactory().createGenerator(bytes)) {
      json.setRootValueSeparator(null);
      for (T row : rows) {
        mapping.write(row, json);
        json.writeRaw('\n');
      }
    }
    return new InsertBatch(mapping.table(), token, rows.size(), bytes.toByteArray());
  }

  /** Commits one batch as the sink's committer does after a checkpoint. */
  public static void commit(ClickHouseEndpoint endpoint, InsertBatch batch) {
    try (ClickHouseCommitter committer = new ClickHouseCommitter(endpoint)) {
      committer.commit(List.of(request(batch)));
    }
  }

  static Committer.CommitRequest<InsertBatch> request(InsertBatch batch) {
    return failingRequest(
        batch,
        failure -> {
          throw new AssertionError(failure);
        });
  }

  /** A request that hands a failed commit's cause to {@code failed}; no retry expected. */
  static Committer.CommitRequest<InsertBatch> failingRequest(
      InsertBatch batch, java.util.function.Consumer<Throwable> failed) {
    return new Committer.CommitRequest<>() {
      @Override
      public InsertBatch getCommittable() {
        return batch;
      }

      @Override
      public int getNumberOfRetries() {
        return 0;
      }

      @Override
      public void signalFailedWithKnownReason(Throwable t) {
        throw new AssertionError(t);
      }

      @Override
      public void signalFailedWithUnknownReason(Throwable t) {
        failed.accept(t);
      }

      @Override
      public void retryLater() {
        throw new AssertionError("no retry expected");
      }

      @Override
      public void updateAndRetryLater(InsertBatch committable) {
        throw new AssertionError("no retry expected");
      }

      @Override
      public void signalAlreadyCommitted() {}
    };
  }
}
