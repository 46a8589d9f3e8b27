package org.chuanbo.clickhouse.local.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;

/**
 * A request body read through its {@code Content-Encoding}. A body the decoder cannot read —
 * corrupt, truncated, not in that coding — is the client's error and is answered as the server
 * answers it ({@code Code: 354 … ZLIB_INFLATE_FAILED}, 618 LZ4, 561 ZSTD, 448 BROTLI), whereas a
 * failure of the connection itself stays an {@link IOException}: there is nobody left to answer.
 *
 * <p>The decoder starts at the first read, so that a header it reads at once is checked here too,
 * and an empty body is an empty body in every coding.
 */
final class ContentDecodingInputStream extends InputStream {

  private final HttpContentCoding coding;
  private final Transport transport;
  private final byte[] single = new byte[1];
  private InputStream decoder;
  private boolean empty;

  ContentDecodingInputStream(InputStream raw, HttpContentCoding coding) {
    this.coding = coding;
    this.transport = new Transport(raw);
  }

  @Override
  public int read() throws IOException {
    int read = read(single, 0, 1);
    return read < 0 ? -1 : single[0] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    try {
      if (decoder == null && !empty) {
        PushbackInputStream peek = new PushbackInputStream(transport, 1);
        int first = peek.read();
        if (first < 0) {
          empty = true;
        } else {
          peek.unread(first);
          decoder = coding.decoder(peek);
        }
      }
      return empty ? -1 : decoder.read(target, offset, length);
    } catch (IOException | RuntimeException e) {
      if (transport.failure != null) {
        throw transport.failure;
      }
      throw undecodable(e);
    }
  }

  private ClickHouseException undecodable(Exception e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return ClickHouseException.of(
        coding.decodeErrorCode(),
        coding.decodeErrorName(),
        "Cannot decode the request body of Content-Encoding '" + coding.token() + "': " + reason);
  }

  @Override
  public void close() throws IOException {
    if (decoder != null) {
      decoder.close();
    } else {
      transport.close();
    }
  }

  /** The raw body; remembers whether reading the connection itself failed. */
  private static final class Transport extends FilterInputStream {
    private IOException failure;

    Transport(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      try {
        return in.read(target, offset, length);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public long skip(long count) throws IOException {
      try {
        return super.skip(count);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
  }
}
