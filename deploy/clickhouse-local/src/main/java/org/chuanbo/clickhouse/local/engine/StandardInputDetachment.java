package org.chuanbo.clickhouse.local.engine;

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

  private StandardInputDetachment() {}

  static void detach() {
    LibC libc = LibC.INSTANCE;
    int devNull = libc.open("/dev/null", LibC.O_RDONLY);
    if (devNull < 0) {
      return; // No /dev/null: nothing better to point at; the engine keeps the inherited input.
    }
    libc.dup2(devNull, 0);
    libc.close(devNull);
  }
}
