package org.chuanbo.clickhouse.local.http;

import com.clickhouse.data.ClickHouseCityHash;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Writes ClickHouse's native compressed block format, which a client asks for with {@code
 * compress=1}: per block a 16-byte CityHash128 checksum, then method {@code 0x82} (LZ4), the
 * compressed size including the 9-byte header, the uncompressed size (both little-endian), and the
 * LZ4 payload. Blocks hold at most 1 MiB of input, as the server's {@code max_compress_block_size}.
 */
final class CompressedBlockOutputStream extends FilterOutputStream {

  static final int MAX_BLOCK = 1 << 20;

  private static final LZ4Compressor LZ4 = LZ4Factory.fastestInstance().fastCompressor();

  private final byte[] pending = new byte[MAX_BLOCK];
  private final byte[] block =
      new byte
          [CompressedBlocks.CHECKSUM_BYTES
              + CompressedBlocks.HEADER_BYTES
              + LZ4.maxCompressedLength(MAX_BLOCK)];
  private int pendingLength;

  CompressedBlockOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    if (pendingLength == pending.length) {
      flushBlock();
    }
    pending[pendingLength++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      if (pendingLength == pending.length) {
        flushBlock();
      }
      int count = Math.min(length, pending.length - pendingLength);
      System.arraycopy(bytes, offset, pending, pendingLength, count);
      pendingLength += count;
      offset += count;
      length -= count;
    }
  }

  @Override
  public void flush() throws IOException {
    flushBlock();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flushBlock();
    out.close();
  }

  private void flushBlock() throws IOException {
    if (pendingLength == 0) {
      return;
    }
    int headerAt = CompressedBlocks.CHECKSUM_BYTES;
    int payloadAt = headerAt + CompressedBlocks.HEADER_BYTES;
    int compressed =
        LZ4.compress(pending, 0, pendingLength, block, payloadAt, block.length - payloadAt);
    block[headerAt] = CompressedBlocks.METHOD_LZ4;
    CompressedBlocks.putIntLE(block, headerAt + 1, compressed + CompressedBlocks.HEADER_BYTES);
    CompressedBlocks.putIntLE(block, headerAt + 5, pendingLength);
    long[] checksum =
        ClickHouseCityHash.cityHash128(block, headerAt, compressed + CompressedBlocks.HEADER_BYTES);
    CompressedBlocks.putLongLE(block, 0, checksum[0]);
    CompressedBlocks.putLongLE(block, 8, checksum[1]);
    out.write(block, 0, payloadAt + compressed);
    pendingLength = 0;
  }
}
