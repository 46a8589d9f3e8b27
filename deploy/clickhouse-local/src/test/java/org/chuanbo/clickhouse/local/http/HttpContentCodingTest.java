package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each content coding read and written through its library: bodies made by the library's own
 * encoder decode to the original, answers the endpoint encodes decode with the library's own
 * decoder, and broken bodies are the server's errors.
 */
class HttpContentCodingTest {

  /** Several MiB of text-like bytes: more than one block or window of every coding. */
  private static final byte[] ORIGINAL = sample(5 * 1024 * 1024 + 12345, 11);

  @ParameterizedTest
  @EnumSource(HttpContentCoding.class)
  void shouldDecodeWhatTheLibrarysEncoderWrote(HttpContentCoding coding) throws IOException {
    byte[] encoded = libraryEncode(coding, ORIGINAL);
    assertThat(encoded.length).isLessThan(ORIGINAL.length);
    assertThat(decode(coding, encoded)).isEqualTo(ORIGINAL);
  }

  @ParameterizedTest
  @EnumSource(HttpContentCoding.class)
  void shouldEncodeWhatTheLibrarysDecoderReads(HttpContentCoding coding) throws IOException {
    byte[] encoded = endpointEncode(coding, HttpContentCoding.DEFAULT_LEVEL, ORIGINAL);
    assertThat(encoded.length).isLessThan(ORIGINAL.length);
    assertThat(libraryDecode(coding, encoded)).isEqualTo(ORIGINAL);
    // http_zlib_compression_level out of a coding's range is brought into it.
    byte[] small = Arrays.copyOf(ORIGINAL, 100_000);
    for (int level : new int[] {-5, 0, 99}) {
      assertThat(libraryDecode(coding, endpointEncode(coding, level, small)))
          .as("%s at level %d", coding, level)
          .isEqualTo(small);
    }
  }

  @Test
  void shouldReadLz4FramesWithLinkedBlocks() throws IOException {
    // python-lz4, under clickhouse-connect, links each block to the ones before it by default.
    // (commons-compress's own writer is slow, so a few 64 KiB blocks are enough here.)
    byte[] original = Arrays.copyOf(ORIGINAL, 300_000);
    ByteArrayOutputStream linked = new ByteArrayOutputStream();
    FramedLZ4CompressorOutputStream.Parameters parameters =
        new FramedLZ4CompressorOutputStream.Parameters(
            FramedLZ4CompressorOutputStream.BlockSize.K64, true, true, true);
    write(new FramedLZ4CompressorOutputStream(linked, parameters), original);
    assertThat(decode(HttpContentCoding.LZ4, linked.toByteArray())).isEqualTo(original);
  }

  @Test
  void shouldReadFramesAndMembersOneAfterAnother() throws IOException {
    // clickhouse-connect compresses each insert block (about 2 MiB) on its own and sends the
    // results back to back: lz4 and zstd frames, gzip members.
    byte[] first = Arrays.copyOfRange(ORIGINAL, 0, 3_000_000);
    byte[] second = Arrays.copyOfRange(ORIGINAL, 3_000_000, ORIGINAL.length);
    for (HttpContentCoding coding :
        new HttpContentCoding[] {
          HttpContentCoding.LZ4, HttpContentCoding.ZSTD, HttpContentCoding.GZIP
        }) {
      byte[] both = concat(libraryEncode(coding, first), libraryEncode(coding, second));
      assertThat(decode(coding, both)).as("%s", coding).isEqualTo(ORIGINAL);
    }
  }

  @Test
  void shouldRefuseDataAfterTheBrotliStreamAsTheServerDoes() throws IOException {
    byte[] both =
        concat(
            libraryEncode(HttpContentCoding.BR, "one ".getBytes(StandardCharsets.US_ASCII)),
            libraryEncode(HttpContentCoding.BR, "two".getBytes(StandardCharsets.US_ASCII)));
    assertThatThrownBy(() -> decode(HttpContentCoding.BR, both))
        .isInstanceOfSatisfying(
            ClickHouseException.class, e -> assertThat(e.code()).isEqualTo(448));
  }

  @ParameterizedTest
  @EnumSource(HttpContentCoding.class)
  void shouldAnswerABrokenBodyWithTheServersError(HttpContentCoding coding) throws IOException {
    int expected =
        switch (coding) {
          case GZIP, DEFLATE -> 354;
          case LZ4 -> 618;
          case ZSTD -> 561;
          case BR -> 448;
        };
    byte[] garbage = sample(10_000, 3);
    assertThatThrownBy(() -> decode(coding, garbage))
        .as("garbage in %s", coding)
        .isInstanceOfSatisfying(
            ClickHouseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(expected);
              assertThat(e.getMessage()).contains("Content-Encoding '" + coding.token() + "'");
            });
    byte[] encoded = libraryEncode(coding, ORIGINAL);
    byte[] truncated = Arrays.copyOf(encoded, encoded.length / 2);
    assertThatThrownBy(() -> decode(coding, truncated))
        .as("truncated %s", coding)
        .isInstanceOfSatisfying(
            ClickHouseException.class, e -> assertThat(e.code()).isEqualTo(expected));
  }

  @ParameterizedTest
  @EnumSource(HttpContentCoding.class)
  void shouldReadAnEmptyBodyAsEmpty(HttpContentCoding coding) throws IOException {
    assertThat(decode(coding, new byte[0])).isEmpty();
  }

  @Test
  void shouldLeaveAFailingConnectionAnIoError() {
    IOException reset = new IOException("Connection reset");
    byte[] start = Arrays.copyOf(libraryEncode(HttpContentCoding.LZ4, ORIGINAL), 1000);
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream(start),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw reset;
              }
            });
    assertThatThrownBy(
            () -> new ContentDecodingInputStream(failing, HttpContentCoding.LZ4).readAllBytes())
        .isSameAs(reset);
  }

  @Test
  void shouldChooseTheCodingTheClientPrefers() {
    assertThat(HttpContentCoding.preferredBy("lz4,zstd,br,gzip,deflate"))
        .contains(HttpContentCoding.LZ4);
    assertThat(HttpContentCoding.preferredBy("gzip, deflate")).contains(HttpContentCoding.GZIP);
    assertThat(HttpContentCoding.preferredBy("deflate, gzip")).contains(HttpContentCoding.DEFLATE);
    assertThat(HttpContentCoding.preferredBy("gzip;q=0.5, br")).contains(HttpContentCoding.BR);
    assertThat(HttpContentCoding.preferredBy("zstd;q=0.9, lz4;q=0.8"))
        .contains(HttpContentCoding.ZSTD);
    assertThat(HttpContentCoding.preferredBy("x-gzip")).contains(HttpContentCoding.GZIP);
    assertThat(HttpContentCoding.preferredBy("gzip;q=0, identity")).isEmpty();
    assertThat(HttpContentCoding.preferredBy("xz, *")).isEmpty();
    assertThat(HttpContentCoding.preferredBy("")).isEmpty();
  }

  @Test
  void shouldNameCodingsAsHeadersDo() {
    assertThat(HttpContentCoding.named(" LZ4 ")).contains(HttpContentCoding.LZ4);
    assertThat(HttpContentCoding.named("X-Gzip")).contains(HttpContentCoding.GZIP);
    assertThat(HttpContentCoding.named("br")).contains(HttpContentCoding.BR);
    assertThat(HttpContentCoding.named("xz")).isEmpty();
    assertThat(HttpContentCoding.BR.isAvailable()).isEqualTo(Brotli4jLoader.isAvailable());
  }

  private static byte[] endpointEncode(HttpContentCoding coding, int level, byte[] data)
      throws IOException {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    try (OutputStream out = coding.encoder(encoded, level)) {
      // In uneven writes, as an engine result arrives.
      for (int offset = 0; offset < data.length; offset += 70_001) {
        out.write(data, offset, Math.min(70_001, data.length - offset));
      }
    }
    return encoded.toByteArray();
  }

  private static byte[] decode(HttpContentCoding coding, byte[] encoded) throws IOException {
    try (InputStream in =
        new ContentDecodingInputStream(new ByteArrayInputStream(encoded), coding)) {
      return in.readAllBytes();
    }
  }

  /** The library's own encoder, independent of the endpoint's {@code encoder}. */
  private static byte[] libraryEncode(HttpContentCoding coding, byte[] data) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      switch (coding) {
        case GZIP -> write(new GZIPOutputStream(bytes), data);
        case DEFLATE -> write(new DeflaterOutputStream(bytes), data);
        case LZ4 -> write(new LZ4FrameOutputStream(bytes), data);
        case ZSTD -> bytes.write(Zstd.compress(data));
        case BR -> {
          Brotli4jLoader.ensureAvailability();
          write(new BrotliOutputStream(bytes, new Encoder.Parameters().setQuality(5)), data);
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The library's own decoder, independent of the endpoint's {@code decoder}. */
  private static byte[] libraryDecode(HttpContentCoding coding, byte[] data) throws IOException {
    InputStream in = new ByteArrayInputStream(data);
    InputStream decoder =
        switch (coding) {
          case GZIP -> new GZIPInputStream(in);
          case DEFLATE -> new InflaterInputStream(in);
          case LZ4 -> new LZ4FrameInputStream(in);
          case ZSTD -> new ZstdInputStream(in);
          case BR -> new BrotliInputStream(in);
        };
    try (decoder) {
      return decoder.readAllBytes();
    }
  }

  private static void write(OutputStream out, byte[] data) throws IOException {
    try (out) {
      out.write(data);
    }
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static byte[] sample(int length, long seed) {
    Random random = new Random(seed);
    String[] words = {"传播", "党建", "article ", "channel ", "2026-11-28 ", "贺州 ", "\t", "\n"};
    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
    while (out.size() < length) {
      if (random.nextInt(10) == 0) {
        out.write(random.nextInt(256));
      } else {
        out.writeBytes(words[random.nextInt(words.length)].getBytes(StandardCharsets.UTF_8));
      }
    }
    return Arrays.copyOf(out.toByteArray(), length);
  }
}
