package org.chuanbo.clickhouse.local.http;

import com.clickhouse.data.ClickHouseCityHash;
import java.io.IOException;
import java.io.InputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;

/**
 * Reads a request body sent with {@code decompress=1}: ClickHouse's native compressed blocks (see
 * {@link CompressedBlockOutputStream}). Checksums are verified, as the server does, so a corrupted
 * upload is refused instead of inserted.
 */
final class CompressedBlockInputStream extends InputStream {

  private static final int CHECKSUM_DOESNT_MATCH = 40;
  private static final int UNKNOWN_COMPRESSION_METHOD = 89;
  private static final int TOO_LARGE_SIZE_COMPRESSED = 246;
  private static final LZ4FastDecompressor LZ4 = LZ4Factory.fastestInstance().fastDecompressor();

  private final InputStream in;
  private final int maxBlockBytes;
  private byte[] block = new byte[0];
  private int position;
  private int limit;

  /**
   * @param maxBlockBytes the largest block, compressed or not: a header claiming more is refused
   *     before anything is allocated
   */
  CompressedBlockInputStream(InputStream in, int maxBlockBytes) {
    this.in = in;
    this.maxBlockBytes = maxBlockBytes;
  }

  @Override
  public int read() throws IOException {
    if (position == limit && !nextBlock()) {
      return -1;
    }
    return block[position++] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position == limit && !nextBlock()) {
      return -1;
    }
    int count = Math.min(length, limit - position);
    System.arraycopy(block, position, target, offset, count);
    position += count;
    return count;
  }

  private boolean nextBlock() throws IOException {
    byte[] head = new byte[CompressedBlocks.CHECKSUM_BYTES + CompressedBlocks.HEADER_BYTES];
    int got = in.readNBytes(head, 0, head.length);
    if (got == 0) {
      return false;
    }
    if (got < head.length) {
      throw corrupt("the compressed body ends inside a block header");
    }
    byte method = head[CompressedBlocks.CHECKSUM_BYTES];
    int compressedWithHeader = CompressedBlocks.getIntLE(head, CompressedBlocks.CHECKSUM_BYTES + 1);
    int uncompressed = CompressedBlocks.getIntLE(head, CompressedBlocks.CHECKSUM_BYTES + 5);
    if (compressedWithHeader < CompressedBlocks.HEADER_BYTES
        || compressedWithHeader > maxBlockBytes
        || uncompressed < 0
        || uncompressed > maxBlockBytes) {
      throw ClickHouseException.of(
          TOO_LARGE_SIZE_COMPRESSED,
          "TOO_LARGE_SIZE_COMPRESSED",
          "Too large size of compressed block: "
              + Math.max(compressedWithHeader, uncompressed)
              + " bytes, this endpoint's limit is "
              + maxBlockBytes
              + " (send smaller blocks, or raise --max-block-bytes)");
    }
    int payload = compressedWithHeader - CompressedBlocks.HEADER_BYTES;
    // Read before allocating the block: memory follows the bytes that arrive, not the header's
    // claim, so a 25-byte header announcing a huge block reserves nothing.
    byte[] payloadBytes = in.readNBytes(payload);
    if (payloadBytes.length < payload) {
      throw corrupt("the compressed body ends inside a block");
    }
    byte[] framed = new byte[compressedWithHeader];
    System.arraycopy(
        head, CompressedBlocks.CHECKSUM_BYTES, framed, 0, CompressedBlocks.HEADER_BYTES);
    System.arraycopy(payloadBytes, 0, framed, CompressedBlocks.HEADER_BYTES, payload);
    long[] checksum = ClickHouseCityHash.cityHash128(framed, 0, framed.length);
    if (checksum[0] != CompressedBlocks.getLongLE(head, 0)
        || checksum[1] != CompressedBlocks.getLongLE(head, 8)) {
      throw ClickHouseException.of(
          CHECKSUM_DOESNT_MATCH, "CHECKSUM_DOESNT_MATCH", "Checksum doesn't match: corrupted data");
    }
    block = new byte[uncompressed];
    if (method == CompressedBlocks.METHOD_LZ4) {
      LZ4.decompress(framed, CompressedBlocks.HEADER_BYTES, block, 0, uncompressed);
    } else if (method == CompressedBlocks.METHOD_NONE) {
      System.arraycopy(
          framed, CompressedBlocks.HEADER_BYTES, block, 0, Math.min(payload, uncompressed));
    } else {
      throw ClickHouseException.of(
          UNKNOWN_COMPRESSION_METHOD,
          "UNKNOWN_COMPRESSION_METHOD",
          String.format(
              "Unknown compression method: 0x%02x (this endpoint reads LZ4 and NONE)", method));
    }
    position = 0;
    limit = uncompressed;
    return true;
  }

  private static ClickHouseException corrupt(String what) {
    return ClickHouseException.of(CHECKSUM_DOESNT_MATCH, "CHECKSUM_DOESNT_MATCH", what);
  }
}
