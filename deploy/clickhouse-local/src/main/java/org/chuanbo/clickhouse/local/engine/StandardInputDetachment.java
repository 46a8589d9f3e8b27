package org.chuanbo.clickhouse.local.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Points the process's standard input at {@code /dev/null} before the engine loads.
 *
 * <p>The engine is ClickHouse's command-line program turned into a library, and it treats file
 * descriptor 0 as its own: reading INSERT data from it, and switching it to non-blocking mode,
 * which then breaks whoever shares it (the terminal that ran {@code ./chuanbo}, the test runner's
 * command pipe). A process that hosts the engine never reads standard input, so it gives the engine
 * nothing to take.
 */
final class StandardInputDetachment {

  private static final int O_RDONLY = 0;

  private interface LibC extends Library {
    int open(String path, int flags);

    int dup2(int from, int to);

    int close(int fd);
  }

  private StandardInputDetachment() {}

  static void detach() {
    LibC libc = Native.load("c", LibC.class);
    int devNull = libc.open("/dev/null", O_RDONLY);
    if (devNull < 0) {
      return; // No /dev/null: nothing better to point at; the engine keeps the inherited input.
    }
    libc.dup2(devNull, 0);
    libc.close(devNull);
  }
}
