package org.chuanbo.clickhouse.local.http;

/** Constants and byte order of ClickHouse's native compressed block format. */
final class CompressedBlocks {

  static final int CHECKSUM_BYTES = 16;

  /** Method (1 byte), compressed size with header (4), uncompressed size (4). */
  static final int HEADER_BYTES = 9;

  static final byte METHOD_NONE = 0x02;
  static final byte METHOD_LZ4 = (byte) 0x82;
  static final byte METHOD_ZSTD = (byte) 0x90;

  private CompressedBlocks() {}

  static void putIntLE(byte[] target, int at, int value) {
    for (int i = 0; i < 4; i++) {
      target[at + i] = (byte) (value >>> (8 * i));
    }
  }

  static void putLongLE(byte[] target, int at, long value) {
    for (int i = 0; i < 8; i++) {
      target[at + i] = (byte) (value >>> (8 * i));
    }
  }

  static int getIntLE(byte[] source, int at) {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      value |= (source[at + i] & 0xFF) << (8 * i);
    }
    return value;
  }

  static long getLongLE(byte[] source, int at) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value |= (source[at + i] & 0xFFL) << (8 * i);
    }
    return value;
  }
}
