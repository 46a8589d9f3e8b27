package org.chuanbo.jobs.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts each completed checkpoint's batches, with the batch's deduplication token. A failed
 * insert is retried a few times; then the job fails and, restored from the checkpoint, commits the
 * same batch again — ClickHouse drops it if the first attempt had in fact gone through.
 */
final class ClickHouseCommitter implements Committer<InsertBatch> {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseCommitter.class);
  static final int MAX_RETRIES = 5;
  private static final long INSERT_TIMEOUT_SECONDS = 120;

  private final ClickHouseEndpoint endpoint;
  private Client client;

  ClickHouseCommitter(ClickHouseEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public void commit(Collection<CommitRequest<InsertBatch>> requests) {
    for (CommitRequest<InsertBatch> request : requests) {
      InsertBatch batch = request.getCommittable();
      try {
        InsertSettings settings =
            new InsertSettings()
                .serverSetting("insert_deduplication_token", batch.token())
                // A batch holds what one checkpoint saw, and late or replayed events can span
                // many months: ClickHouse would refuse an insert touching more than 100 monthly
                // partitions, and the same batch would fail again on every restart.
                .serverSetting("max_partitions_per_insert_block", "0");
        client()
            .insert(
                batch.table(),
                new ByteArrayInputStream(batch.payload()),
                ClickHouseFormat.JSONEachRow,
                settings)
            .get(INSERT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        request.retryLater();
      } catch (Exception e) {
        if (request.getNumberOfRetries() < MAX_RETRIES) {
          LOG.warn(
              "insert of {} rows into {} failed, will retry: {}",
              batch.rows(),
              batch.table(),
              e.getMessage());
          request.retryLater();
        } else {
          request.signalFailedWithUnknownReason(e);
        }
      }
    }
  }

  private Client client() {
    if (client == null) {
      client = endpoint.newClient();
    }
    return client;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
