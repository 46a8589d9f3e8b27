package org.chuanbo.jobs.clickhouse;

import java.io.Serializable;

/**
 * Where the sink puts a row ClickHouse refuses for good (a value its column cannot hold): retrying
 * would fail forever and stop the stream, so the row leaves the batch and the rest commits.
 */
public interface RefusedRows extends Serializable, AutoCloseable {

  /** A row that should never exist: the committer fails as it did before rows could be refused. */
  RefusedRows NONE =
      (table, row, reason) -> {
        throw new IllegalStateException(
            "ClickHouse refused a row of " + table + " and this sink keeps none aside: " + reason);
      };

  /**
   * Keeps the refused row (a JSONEachRow line) with ClickHouse's reason; returns once it is stored.
   */
  void refuse(String table, byte[] row, String reason);

  @Override
  default void close() {}
}
