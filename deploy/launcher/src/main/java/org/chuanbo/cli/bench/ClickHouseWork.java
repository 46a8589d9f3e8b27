package org.chuanbo.cli.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * What the ClickHouse engine did during a phase, by its own counters ({@code system.events}, read
 * by {@code bench/clickhouse-work.sql}): how many INSERTs the job sent and how long they took with
 * the materialized views they fire, how many parts those wrote, how much of that the background
 * merges read again, how long the SELECTs took. {@link ThreadCpu} says how much CPU the engine's
 * threads used; this says what for, which a Java profiler cannot see either.
 *
 * <p>The times are the engine's wall-clock times of each query and merge, summed: with two cores
 * shared by everything, they are an upper bound of the CPU each kind of work used, and merges that
 * run while an insert waits for a core count both.
 */
public final class ClickHouseWork {

  static final String SCRIPT = "bench/clickhouse-work.sql";

  /** The counters at one moment, by name; a counter the engine never moved is absent (zero). */
  public record Sample(Map<String, Long> counters) {
    long get(String counter) {
      return counters.getOrDefault(counter, 0L);
    }
  }

  /**
   * The engine's work between two samples.
   *
   * @param inserts INSERT statements (the job's commits, and what the bench itself inserted)
   * @param insertedRows rows into every table, the views' target tables included
   * @param insertSeconds summed duration of the INSERTs, the views they fire included
   * @param partsWritten new parts (one per table and partition an INSERT touches)
   * @param merges background merges started
   * @param mergedRows rows the merges read: their write amplification over {@code partRows}
   * @param mergeSeconds summed duration of the merges
   * @param selects SELECT statements (the bench's polling, the job's none)
   * @param selectSeconds their summed duration
   * @param threadCpuSeconds user + system CPU of the engine's threads that keep these counters
   */
  public record Result(
      long inserts,
      long insertedRows,
      double insertSeconds,
      long partsWritten,
      long partRows,
      long merges,
      long mergedRows,
      double mergeSeconds,
      long selects,
      double selectSeconds,
      double threadCpuSeconds) {

    /** Rows stored, the views' included, for every event the job stored. */
    public double insertedRowsPerEvent(long events) {
      return events == 0 ? 0 : (double) insertedRows / events;
    }

    /** Rows the merges read again for every row an insert wrote into a part. */
    public double mergedRowsPerPartRow() {
      return partRows == 0 ? 0 : (double) mergedRows / partRows;
    }
  }

  private ClickHouseWork() {}

  /** The counters now. Reading {@code system.events} takes the admin's client. */
  public static Sample sample(Client admin) {
    Map<String, Long> counters = new HashMap<>();
    for (GenericRecord row : admin.queryAll(BenchScripts.read(SCRIPT))) {
      counters.put(row.getString("event"), row.getLong("value"));
    }
    return new Sample(Map.copyOf(counters));
  }

  public static Result between(Sample before, Sample after) {
    return new Result(
        delta(before, after, "InsertQuery"),
        delta(before, after, "InsertedRows"),
        delta(before, after, "InsertQueryTimeMicroseconds") / 1e6,
        delta(before, after, "MergeTreeDataWriterBlocks"),
        delta(before, after, "MergeTreeDataWriterRows"),
        delta(before, after, "Merge"),
        delta(before, after, "MergedRows"),
        delta(before, after, "MergeTotalMilliseconds") / 1e3,
        delta(before, after, "SelectQuery"),
        delta(before, after, "SelectQueryTimeMicroseconds") / 1e6,
        (delta(before, after, "UserTimeMicroseconds")
                + delta(before, after, "SystemTimeMicroseconds"))
            / 1e6);
  }

  private static long delta(Sample before, Sample after, String counter) {
    return after.get(counter) - before.get(counter);
  }
}
