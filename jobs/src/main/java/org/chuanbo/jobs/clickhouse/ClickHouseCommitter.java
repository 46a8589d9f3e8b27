package org.chuanbo.jobs.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts each completed checkpoint's batches, with the batch's deduplication token. A failed
 * insert (ClickHouse down, restarting, overloaded) is tried again with growing pauses, here on the
 * committer's thread: Flink's own retries come back at once, so an outage of seconds would fail the
 * job over and over. While it waits, the task's input stops, and backpressure holds the sources at
 * their Kafka offsets. Only an outage longer than {@link #OUTAGE_BUDGET} fails the job, which,
 * restored from the checkpoint, commits the same batch again — ClickHouse drops it if an attempt
 * had in fact gone through.
 *
 * <p>An insert ClickHouse refuses because of the data (a value its column cannot hold) would fail
 * the same way on every retry and every restart, and stop the stream for good. Such a batch is
 * split in halves, each inserted with a token derived from the batch's, down to the rows that are
 * refused alone; those go to {@link RefusedRows} with ClickHouse's reason and the rest commits. The
 * split is the same on every attempt (the same rows fail the same way), so the derived tokens keep
 * a re-commit after a restart exactly once.
 */
final class ClickHouseCommitter implements Committer<InsertBatch> {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseCommitter.class);

  /** How long ClickHouse may stay unreachable before the job fails over (and restarts). */
  static final Duration OUTAGE_BUDGET = Duration.ofMinutes(5);

  private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);
  private static final long INSERT_TIMEOUT_SECONDS = 120;

  /**
   * ClickHouse error codes that say a row's data cannot be stored, whatever the retry: cannot parse
   * a value, type mismatch, value out of range, incorrect data.
   */
  private static final Set<Integer> REFUSED_DATA =
      Set.of(6, 25, 26, 27, 38, 41, 53, 69, 70, 72, 117, 321, 376, 441, 442);

  private final ClickHouseEndpoint endpoint;
  private final RefusedRows refusedRows;
  private final Duration outageBudget;
  private final Counter rowsWritten;
  private Client client;

  ClickHouseCommitter(ClickHouseEndpoint endpoint) {
    this(endpoint, RefusedRows.NONE);
  }

  ClickHouseCommitter(ClickHouseEndpoint endpoint, RefusedRows refusedRows) {
    this(endpoint, refusedRows, OUTAGE_BUDGET, new SimpleCounter());
  }

  /**
   * @param outageBudget how long ClickHouse may stay away (tests that must see the job give up pass
   *     seconds)
   * @param rowsWritten counts the rows ClickHouse took: committed, not merely collected
   */
  ClickHouseCommitter(
      ClickHouseEndpoint endpoint,
      RefusedRows refusedRows,
      Duration outageBudget,
      Counter rowsWritten) {
    this.endpoint = endpoint;
    this.refusedRows = refusedRows;
    this.outageBudget = outageBudget;
    this.rowsWritten = rowsWritten;
  }

  @Override
  public void commit(Collection<CommitRequest<InsertBatch>> requests) {
    for (CommitRequest<InsertBatch> request : requests) {
      InsertBatch batch = request.getCommittable();
      try {
        insertPatiently(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        request.retryLater();
        return;
      } catch (Exception e) {
        request.signalFailedWithUnknownReason(e);
      }
    }
  }

  /**
   * Inserts the batch, trying again after 0.25 s, 0.5 s, 1 s … up to 10 s apart until {@link
   * #OUTAGE_BUDGET} is spent; each attempt carries the same token, so one that went through unseen
   * is not stored twice.
   */
  private void insertPatiently(InsertBatch batch) throws Exception {
    long deadline = System.nanoTime() + outageBudget.toNanos();
    Duration pause = FIRST_PAUSE;
    for (int attempt = 1; ; attempt++) {
      try {
        insertOrSplit(batch.table(), batch.token(), batch.payload(), batch.rows());
        if (attempt > 1) {
          LOG.info(
              "insert of {} rows into {} went through on attempt {}",
              batch.rows(),
              batch.table(),
              attempt);
        }
        return;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        if (System.nanoTime() + pause.toNanos() > deadline) {
          throw new java.io.IOException(
              "ClickHouse has not taken the insert of "
                  + batch.rows()
                  + " rows into "
                  + batch.table()
                  + " for "
                  + outageBudget.toSeconds()
                  + " s: "
                  + e.getMessage(),
              e);
        }
        LOG.warn(
            "insert of {} rows into {} failed (attempt {}), trying again in {} ms: {}",
            batch.rows(),
            batch.table(),
            attempt,
            pause.toMillis(),
            e.getMessage());
        // A new connection next time: the old one may point at a server that is gone.
        closeClient();
        Thread.sleep(pause.toMillis());
        pause =
            pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                ? LONGEST_PAUSE
                : pause.multipliedBy(2);
      }
    }
  }

  /** Inserts the rows; if ClickHouse refuses their data, the halves, down to single rows. */
  private void insertOrSplit(String table, String token, byte[] rows, int rowCount)
      throws Exception {
    try {
      insert(table, token, rows);
      rowsWritten.inc(rowCount);
    } catch (ServerException e) {
      if (!REFUSED_DATA.contains(e.getCode())) {
        throw e;
      }
      List<byte[]> lines = JsonLines.split(rows);
      if (lines.size() <= 1) {
        LOG.warn(
            "ClickHouse refused a row of {}; it goes to the dead letters: {}",
            table,
            e.getMessage());
        refusedRows.refuse(table, JsonLines.withoutNewline(rows), e.getMessage());
        return;
      }
      int half = lines.size() / 2;
      insertOrSplit(table, token + ".0", JsonLines.join(lines.subList(0, half)), half);
      insertOrSplit(
          table,
          token + ".1",
          JsonLines.join(lines.subList(half, lines.size())),
          lines.size() - half);
    }
  }

  private void insert(String table, String token, byte[] rows) throws Exception {
    InsertSettings settings =
        new InsertSettings()
            .serverSetting("insert_deduplication_token", token)
            // A batch holds what one checkpoint saw, and late or replayed events can span
            // many months: ClickHouse would refuse an insert touching more than 100 monthly
            // partitions, and the same batch would fail again on every restart.
            .serverSetting("max_partitions_per_insert_block", "0");
    try {
      client()
          .insert(table, new ByteArrayInputStream(rows), ClickHouseFormat.JSONEachRow, settings)
          .get(INSERT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .close();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private Client client() {
    if (client == null) {
      client = endpoint.newClient();
    }
    return client;
  }

  private void closeClient() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  @Override
  public void close() {
    closeClient();
    refusedRows.close();
  }
}
