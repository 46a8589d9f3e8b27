package org.chuanbo.clickhouse.local.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guards the JVM's own signal handlers against the engine.
 *
 * <p>The JVM relies on SIGSEGV and friends for ordinary work (implicit null checks, safepoints);
 * ClickHouse installs its own handlers for the same signals, and chDB's opt-out resets them to
 * their defaults — either way the JVM's handler is gone and the next implicit null check kills the
 * process. The JVM's answer is signal chaining: with {@code libjsig.so} preloaded, a native
 * library's {@code sigaction} no longer replaces a handler the JVM owns. So the engine refuses to
 * load without it, and {@code ./chuanbo} and the Maven test runs preload it.
 */
public final class JvmSignalChaining {

  private JvmSignalChaining() {}

  public static Path libjsig() {
    return Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
  }

  static void requireLibjsig() {
    if (isLoaded()) {
      return;
    }
    throw new IllegalStateException(
        "the ClickHouse engine needs the JVM's signal chaining: run java with LD_PRELOAD="
            + libjsig()
            + " (./chuanbo and the Maven build do this for you)");
  }

  private static boolean isLoaded() {
    try {
      return Files.readString(Path.of("/proc/self/maps")).contains("/libjsig.so");
    } catch (IOException e) {
      return false;
    }
  }
}
