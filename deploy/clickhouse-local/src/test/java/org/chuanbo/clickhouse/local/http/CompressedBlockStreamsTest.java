package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;
import org.junit.jupiter.api.Test;

class CompressedBlockStreamsTest {

  @Test
  void shouldRoundTripAcrossSeveralBlocks() throws IOException {
    byte[] original = new byte[CompressedBlockOutputStream.MAX_BLOCK * 2 + 12345];
    Random random = new Random(7);
    for (int i = 0; i < original.length; i++) {
      // Mostly a short alphabet, so LZ4 really compresses, with random bytes mixed in.
      original[i] = i % 16 == 0 ? (byte) random.nextInt() : (byte) ('a' + random.nextInt(4));
    }
    byte[] compressed = compress(original);
    assertThat(compressed.length).isLessThan(original.length);
    assertThat(
            new CompressedBlockInputStream(new ByteArrayInputStream(compressed), 1 << 20)
                .readAllBytes())
        .isEqualTo(original);
  }

  @Test
  void shouldWriteTheServersBlockHeader() throws IOException {
    byte[] compressed = compress("hello".getBytes());
    assertThat(compressed[16]).isEqualTo((byte) 0x82);
    assertThat(CompressedBlocks.getIntLE(compressed, 17)).isEqualTo(compressed.length - 16);
    assertThat(CompressedBlocks.getIntLE(compressed, 21)).isEqualTo(5);
  }

  @Test
  void shouldRefuseACorruptedBlock() throws IOException {
    byte[] compressed = compress("corrupt me, please".getBytes());
    compressed[compressed.length - 1] ^= 0x55;
    assertThatThrownBy(
            () ->
                new CompressedBlockInputStream(new ByteArrayInputStream(compressed), 1 << 20)
                    .readAllBytes())
        .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.code()).isEqualTo(40));
  }

  @Test
  void shouldReadNothingFromAnEmptyBody() throws IOException {
    assertThat(
            new CompressedBlockInputStream(new ByteArrayInputStream(new byte[0]), 1 << 20).read())
        .isEqualTo(-1);
  }

  private static byte[] compress(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CompressedBlockOutputStream out = new CompressedBlockOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }
}
