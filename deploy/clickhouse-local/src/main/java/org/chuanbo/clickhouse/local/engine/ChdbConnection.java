package org.chuanbo.clickhouse.local.engine;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection to the engine: its own session (current database, settings, temporary tables).
 *
 * <p>A connection runs one statement at a time, so calls are serialised here; callers that want
 * parallelism open more connections — they are cheap (well under a millisecond) and share the
 * engine and its data.
 */
public final class ChdbConnection implements AutoCloseable {

  private final LibChdb lib;
  private final Pointer connectionPointer;
  private final Pointer handle;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  ChdbConnection(LibChdb lib, Pointer connectionPointer) {
    this.lib = lib;
    this.connectionPointer = connectionPointer;
    this.handle = connectionPointer.getPointer(0);
  }

  /** Runs one statement; the result must be closed. Throws {@link ClickHouseException}. */
  public ChdbResult execute(
      NativeStatement statement, String format, Map<String, String> parameters) {
    byte[] formatBytes = format.getBytes(StandardCharsets.US_ASCII);
    Memory formatMemory = new Memory(formatBytes.length + 1);
    formatMemory.write(0, formatBytes, 0, formatBytes.length);
    formatMemory.setByte(formatBytes.length, (byte) 0);
    lock.lock();
    try {
      if (closed) {
        throw ClickHouseException.of(
            ClickHouseException.UNKNOWN_CODE, "STD_EXCEPTION", "the connection is closed");
      }
      Pointer result =
          parameters.isEmpty()
              ? lib.chdb_query_n(
                  handle, statement.pointer(), statement.length(), formatMemory, formatBytes.length)
              : queryWithParameters(statement, formatMemory, formatBytes.length, parameters);
      return checked(result);
    } finally {
      lock.unlock();
    }
  }

  public ChdbResult execute(String sql, String format) {
    NativeStatement statement = NativeStatement.of(sql);
    try {
      return execute(statement, format, Map.of());
    } finally {
      statement.release();
    }
  }

  /** Runs a statement and returns its output as text, in TabSeparated unless it names a format. */
  public String executeText(String sql) {
    try (ChdbResult result = execute(sql, "TabSeparated")) {
      return result.text();
    }
  }

  /** Runs a statement for its effect only. */
  public void run(String sql) {
    execute(sql, "TabSeparated").close();
  }

  private Pointer queryWithParameters(
      NativeStatement statement, Memory format, long formatLength, Map<String, String> parameters) {
    int count = parameters.size();
    Pointer[] names = new Pointer[count];
    long[] nameLengths = new long[count];
    Pointer[] values = new Pointer[count];
    long[] valueLengths = new long[count];
    int i = 0;
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      byte[] name = parameter.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] value = parameter.getValue().getBytes(StandardCharsets.UTF_8);
      names[i] = nativeCopy(name);
      nameLengths[i] = name.length;
      values[i] = nativeCopy(value);
      valueLengths[i] = value.length;
      i++;
    }
    return lib.chdb_query_with_params_n(
        handle,
        statement.pointer(),
        statement.length(),
        format,
        formatLength,
        names,
        nameLengths,
        values,
        valueLengths,
        count);
  }

  private static Pointer nativeCopy(byte[] bytes) {
    // Memory of size 0 is not allowed; an empty value still needs a valid pointer.
    Memory memory = new Memory(Math.max(1, bytes.length));
    memory.write(0, bytes, 0, bytes.length);
    return memory;
  }

  private ChdbResult checked(Pointer result) {
    if (result == null) {
      throw ClickHouseException.of(
          ClickHouseException.UNKNOWN_CODE, "STD_EXCEPTION", "the engine returned no result");
    }
    String error = lib.chdb_result_error(result);
    if (error != null && !error.isEmpty()) {
      lib.chdb_destroy_query_result(result);
      throw ClickHouseException.fromEngineMessage(error);
    }
    return new ChdbResult(lib, result);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      lib.chdb_close_conn(connectionPointer);
    } finally {
      lock.unlock();
    }
  }
}
