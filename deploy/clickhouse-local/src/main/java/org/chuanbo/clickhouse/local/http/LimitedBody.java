package org.chuanbo.clickhouse.local.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;

/**
 * A request body that may not exceed a size: past it, reading fails with a clear error instead of
 * filling memory or the spool. Counted after decoding, so a small compressed body that inflates
 * without end is stopped too.
 */
final class LimitedBody extends FilterInputStream {

  static final int LIMIT_EXCEEDED = 290;

  private final long limit;
  private long count;

  LimitedBody(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  static ClickHouseException tooLarge(long limit) {
    return ClickHouseException.of(
        LIMIT_EXCEEDED,
        "LIMIT_EXCEEDED",
        "The request body is larger than this endpoint's limit of "
            + limit
            + " bytes; send the data in smaller requests (or raise --max-body-bytes)");
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = super.read(buffer, offset, length);
    if (read > 0) {
      counted(read);
    }
    return read;
  }

  private void counted(int bytes) {
    count += bytes;
    if (count > limit) {
      throw tooLarge(limit);
    }
  }
}
