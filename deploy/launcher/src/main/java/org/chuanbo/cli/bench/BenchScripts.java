package org.chuanbo.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The bench's SQL, kept as {@code .sql} resources under {@code bench/}. */
final class BenchScripts {

  private BenchScripts() {}

  static String read(String resource) {
    try (InputStream in = BenchScripts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
