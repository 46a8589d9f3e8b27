package org.chuanbo.clickhouse.local.http;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/**
 * The HTTP content codings the endpoint reads ({@code Content-Encoding} of a request body) and
 * writes ({@code Accept-Encoding}, with {@code enable_http_compression=1}), named as ClickHouse and
 * its clients name them. {@code lz4} is the LZ4 <em>frame</em> format, not ClickHouse's native
 * compressed blocks ({@code compress=1} / {@code decompress=1}); {@code deflate} is zlib-wrapped,
 * as the server writes and reads it.
 *
 * <p>Every coding is done by its library: the JDK (gzip, deflate), zstd-jni, Brotli4j, and for lz4
 * frames commons-compress to read (its reader takes linked blocks, which python-lz4 writes by
 * default and lz4-java's {@code LZ4FrameInputStream} refuses) and lz4-java to write (independent
 * blocks, which every reader takes). A request body may hold several lz4 or zstd frames or gzip
 * members one after another (clickhouse-connect compresses each insert block on its own); a brotli
 * body is one brotli stream, as on the server.
 */
enum HttpContentCoding {
  GZIP("gzip", 354, "ZLIB_INFLATE_FAILED", 1, 9),
  DEFLATE("deflate", 354, "ZLIB_INFLATE_FAILED", 1, 9),
  LZ4("lz4", 618, "LZ4_DECODER_FAILED", 0, 0),
  ZSTD("zstd", 561, "ZSTD_DECODER_FAILED", 1, 22),
  BR("br", 448, "BROTLI_READ_FAILED", 0, 11);

  /** The server's {@code http_zlib_compression_level} default, used for every coding's level. */
  static final int DEFAULT_LEVEL = 3;

  private static final int BUFFER = 1 << 16;

  private final String token;
  private final int decodeErrorCode;
  private final String decodeErrorName;
  private final int minLevel;
  private final int maxLevel;

  HttpContentCoding(
      String token, int decodeErrorCode, String decodeErrorName, int minLevel, int maxLevel) {
    this.token = token;
    this.decodeErrorCode = decodeErrorCode;
    this.decodeErrorName = decodeErrorName;
    this.minLevel = minLevel;
    this.maxLevel = maxLevel;
  }

  /** The coding a {@code Content-Encoding} or {@code Accept-Encoding} token names, if any. */
  static Optional<HttpContentCoding> named(String name) {
    String token = name.trim().toLowerCase(Locale.ROOT);
    if (token.equals("x-gzip")) {
      return Optional.of(GZIP);
    }
    for (HttpContentCoding coding : values()) {
      if (coding.token.equals(token)) {
        return Optional.of(coding);
      }
    }
    return Optional.empty();
  }

  /**
   * The coding for a response to a client that sent this {@code Accept-Encoding}: the one it rates
   * highest ({@code ;q=}), and among equals the one it lists first — clickhouse-connect lists its
   * own preference, {@code lz4,zstd,br,gzip,deflate}. Empty when it accepts none that is available.
   */
  static Optional<HttpContentCoding> preferredBy(String acceptEncoding) {
    HttpContentCoding best = null;
    double bestQuality = 0;
    for (String element : acceptEncoding.split(",")) {
      String[] parts = element.split(";");
      Optional<HttpContentCoding> coding = named(parts[0]);
      if (coding.isEmpty() || !coding.get().isAvailable()) {
        continue;
      }
      double quality = quality(parts);
      if (quality > bestQuality) {
        best = coding.get();
        bestQuality = quality;
      }
    }
    return Optional.ofNullable(best);
  }

  private static double quality(String[] parameters) {
    for (int i = 1; i < parameters.length; i++) {
      String parameter = parameters[i].trim();
      if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
        try {
          return Double.parseDouble(parameter.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  /** The token of {@code Content-Encoding}. */
  String token() {
    return token;
  }

  /**
   * Brotli is native code; on a platform Brotli4j has no library for, br is neither read nor
   * offered.
   */
  boolean isAvailable() {
    return this != BR || Brotli4jLoader.isAvailable();
  }

  int decodeErrorCode() {
    return decodeErrorCode;
  }

  String decodeErrorName() {
    return decodeErrorName;
  }

  /** The library's decoder over {@code compressed}; it may read from it at once (a header). */
  InputStream decoder(InputStream compressed) throws IOException {
    return switch (this) {
      case GZIP -> new GZIPInputStream(compressed, BUFFER);
      case DEFLATE -> new InflaterInputStream(compressed);
      case LZ4 -> new FramedLZ4CompressorInputStream(compressed, true);
      case ZSTD -> new ZstdInputStreamNoFinalizer(compressed);
      case BR -> {
        Brotli4jLoader.ensureAvailability();
        yield new BrotliInputStream(compressed, BUFFER);
      }
    };
  }

  /**
   * The library's encoder onto {@code out}; closing it finishes the coding and closes {@code out}.
   *
   * @param level {@code http_zlib_compression_level}, brought into the coding's range (lz4 has one
   *     speed)
   */
  OutputStream encoder(OutputStream out, int level) throws IOException {
    int bounded = Math.max(minLevel, Math.min(maxLevel, level));
    return switch (this) {
      case GZIP -> new LeveledGzipOutputStream(out, bounded);
      case DEFLATE -> new OwnDeflaterOutputStream(out, new Deflater(bounded));
      case LZ4 -> new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB);
      case ZSTD -> new ZstdOutputStreamNoFinalizer(out, bounded);
      case BR -> {
        Brotli4jLoader.ensureAvailability();
        yield new BrotliOutputStream(out, new Encoder.Parameters().setQuality(bounded), BUFFER);
      }
    };
  }

  /** The JDK's gzip stream at a chosen level (its constructor offers none). */
  private static final class LeveledGzipOutputStream extends GZIPOutputStream {
    LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
      super(out, BUFFER);
      def.setLevel(level);
    }
  }

  /** A deflate stream that frees its own {@link Deflater} when closed. */
  private static final class OwnDeflaterOutputStream extends DeflaterOutputStream {
    OwnDeflaterOutputStream(OutputStream out, Deflater deflater) {
      super(out, deflater, BUFFER);
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        def.end();
      }
    }
  }
}
