package org.chuanbo.clickhouse.local.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the verified {@code libchdb.so} that {@code deploy/chdb/fetch-libchdb} put in the cache.
 *
 * <p>Order: the {@code chuanbo.libchdb} system property, the {@code CHUANBO_LIBCHDB} environment
 * variable, then {@code <cache>/chdb/<version>/libchdb.so}, where the cache is the {@code
 * chuanbo.cache} property, {@code CHUANBO_CACHE}, or {@code ~/.cache/chuanbo}.
 */
public final class LibchdbLocation {

  /** Must match {@code deploy/chdb/libchdb.lock}; a test checks that they agree. */
  public static final String PINNED_VERSION = "26.5.3";

  private LibchdbLocation() {}

  public static Path resolve() {
    String explicit =
        firstNonBlank(System.getProperty("chuanbo.libchdb"), System.getenv("CHUANBO_LIBCHDB"));
    Path library =
        explicit != null
            ? Path.of(explicit)
            : cacheDirectory().resolve("chdb").resolve(PINNED_VERSION).resolve("libchdb.so");
    if (!Files.isReadable(library)) {
      throw new IllegalStateException(
          "libchdb.so not found at "
              + library
              + "; run deploy/chdb/fetch-libchdb (the build and ./chuanbo run it for you).");
    }
    return library;
  }

  static Path cacheDirectory() {
    String cache =
        firstNonBlank(System.getProperty("chuanbo.cache"), System.getenv("CHUANBO_CACHE"));
    return cache != null
        ? Path.of(cache)
        : Path.of(System.getProperty("user.home"), ".cache", "chuanbo");
  }

  private static String firstNonBlank(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate;
      }
    }
    return null;
  }
}
