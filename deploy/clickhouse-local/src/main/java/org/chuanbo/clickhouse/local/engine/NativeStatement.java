package org.chuanbo.clickhouse.local.engine;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one statement in native memory, as the engine receives them: the SQL text, and for
 * an {@code INSERT … FORMAT X} the data right after it. Request bodies are streamed straight in, so
 * a large insert is copied once from the socket into the memory the engine reads.
 */
public final class NativeStatement {

  private static final int READ_CHUNK = 1 << 16;

  private Memory memory;
  private long length;

  public NativeStatement(long expectedBytes) {
    this.memory = new Memory(Math.max(64, expectedBytes));
  }

  public static NativeStatement of(String sql) {
    byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
    NativeStatement statement = new NativeStatement(bytes.length);
    statement.append(bytes, 0, bytes.length);
    return statement;
  }

  public NativeStatement append(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return append(bytes, 0, bytes.length);
  }

  public NativeStatement append(byte[] bytes, int offset, int count) {
    ensureCapacity(length + count);
    memory.write(length, bytes, offset, count);
    length += count;
    return this;
  }

  /** Appends everything the stream yields; returns the number of bytes read. */
  public long appendAll(InputStream in) throws IOException {
    byte[] chunk = new byte[READ_CHUNK];
    long total = 0;
    for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
      append(chunk, 0, read);
      total += read;
    }
    return total;
  }

  public long length() {
    return length;
  }

  Pointer pointer() {
    return memory;
  }

  /**
   * The first {@code maxBytes} bytes, one char per byte (ISO-8859-1), so that offsets found in it
   * are byte offsets into the statement.
   */
  public String bytesAsLatin1(int maxBytes) {
    int count = (int) Math.min(length, maxBytes);
    return new String(memory.getByteArray(0, count), StandardCharsets.ISO_8859_1);
  }

  /** Bytes {@code [from, to)} decoded as UTF-8: a piece of the SQL text. */
  public String text(int from, int to) {
    return new String(memory.getByteArray(from, to - from), StandardCharsets.UTF_8);
  }

  /** Bytes {@code [from, length)} without copying: an INSERT's inline data. */
  public java.nio.ByteBuffer tail(long from) {
    return memory.getByteBuffer(from, length - from);
  }

  private void ensureCapacity(long needed) {
    if (needed <= memory.size()) {
      return;
    }
    Memory larger = new Memory(Math.max(needed, memory.size() * 2));
    larger.write(0, memory.getByteArray(0, (int) length), 0, (int) length);
    memory.close();
    memory = larger;
  }

  /** Frees the native memory now rather than when the garbage collector gets to it. */
  public void release() {
    memory.close();
  }
}
