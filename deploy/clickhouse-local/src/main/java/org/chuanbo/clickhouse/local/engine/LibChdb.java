package org.chuanbo.clickhouse.local.engine;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of chDB's C API ({@code chdb.h}) that the local ClickHouse uses.
 *
 * <p>Only the length-delimited ({@code _n}) query calls are bound, because INSERT statements carry
 * binary data (RowBinary, Native, Parquet) inline after the statement and may contain NUL bytes.
 * {@code size_t} is mapped to {@code long}: the library ships for x86-64 Linux only.
 */
interface LibChdb extends Library {

  /**
   * With 0, chDB installs no crash handlers of its own and resets the deadly signals to their
   * defaults — which, in a JVM, only libjsig's signal chaining keeps from removing the JVM's.
   */
  void chdb_set_signal_handlers_enabled(int enabled);

  /** Returns a pointer to the connection handle ({@code chdb_connection *}), or null. */
  Pointer chdb_connect(int argc, String[] argv);

  /** Takes the pointer that {@link #chdb_connect} returned. */
  void chdb_close_conn(Pointer connectionPointer);

  Pointer chdb_query_n(
      Pointer connection, Pointer query, long queryLength, Pointer format, long formatLength);

  Pointer chdb_query_with_params_n(
      Pointer connection,
      Pointer query,
      long queryLength,
      Pointer format,
      long formatLength,
      Pointer[] names,
      long[] nameLengths,
      Pointer[] values,
      long[] valueLengths,
      long count);

  Pointer chdb_result_buffer(Pointer result);

  long chdb_result_length(Pointer result);

  double chdb_result_elapsed(Pointer result);

  long chdb_result_rows_read(Pointer result);

  long chdb_result_bytes_read(Pointer result);

  long chdb_result_rows_written(Pointer result);

  long chdb_result_bytes_written(Pointer result);

  String chdb_result_error(Pointer result);

  void chdb_destroy_query_result(Pointer result);
}
