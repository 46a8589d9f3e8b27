package org.chuanbo.clickhouse.local.engine;

/**
 * Ends a process that has loaded the engine, once its data is safe.
 *
 * <p>On a normal exit — {@code System.exit} and {@code Runtime.halt} alike — the C library runs the
 * engine's static destructors (on the JVM's VM thread) while the engine's own background threads
 * may still be running, and that crashes with SIGSEGV inside {@code libchdb.so}: a crash report and
 * a failed exit for a process whose work was already done. So a process that has loaded the engine
 * leaves through {@code _exit}, which skips them. Nothing is lost: an INSERT has written its part
 * to disk before it returns, so once no query is running (the HTTP endpoint stopped) the data
 * directory is complete. Closing the engine first is not needed, and can block for a long time.
 */
public final class EngineExit {

  private EngineExit() {}

  /** Exits with {@code status}, through {@code _exit} if this process loaded the engine. */
  public static void exit(int status) {
    System.out.flush();
    System.err.flush();
    if (ChdbEngine.wasLoaded()) {
      LibC.INSTANCE._exit(status);
    }
    System.exit(status);
  }
}
