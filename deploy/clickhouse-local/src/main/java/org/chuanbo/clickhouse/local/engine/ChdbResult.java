package org.chuanbo.clickhouse.local.engine;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** One successful result, still in the engine's memory until {@link #close()}. */
public final class ChdbResult implements AutoCloseable {

  private static final int COPY_CHUNK = 1 << 16;

  private final LibChdb lib;
  private Pointer result;

  ChdbResult(LibChdb lib, Pointer result) {
    this.lib = lib;
    this.result = result;
  }

  public long length() {
    return lib.chdb_result_length(result);
  }

  public QueryStatistics statistics() {
    return new QueryStatistics(
        lib.chdb_result_rows_read(result),
        lib.chdb_result_bytes_read(result),
        lib.chdb_result_rows_written(result),
        lib.chdb_result_bytes_written(result),
        lib.chdb_result_elapsed(result));
  }

  public byte[] bytes() {
    long length = length();
    if (length == 0) {
      return new byte[0];
    }
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("result of " + length + " bytes does not fit in an array");
    }
    return lib.chdb_result_buffer(result).getByteArray(0, (int) length);
  }

  public String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /** Streams the result in chunks, without holding a second full copy on the Java heap. */
  public void writeTo(OutputStream out) throws IOException {
    long length = length();
    if (length == 0) {
      return;
    }
    Pointer buffer = lib.chdb_result_buffer(result);
    byte[] chunk = new byte[(int) Math.min(COPY_CHUNK, length)];
    for (long offset = 0; offset < length; offset += chunk.length) {
      int count = (int) Math.min(chunk.length, length - offset);
      buffer.read(offset, chunk, 0, count);
      out.write(chunk, 0, count);
    }
  }

  @Override
  public void close() {
    if (result != null) {
      lib.chdb_destroy_query_result(result);
      result = null;
    }
  }
}
