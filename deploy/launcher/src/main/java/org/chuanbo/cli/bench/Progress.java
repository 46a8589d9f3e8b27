package org.chuanbo.cli.bench;

import java.io.PrintStream;
import java.time.Duration;

/** Progress lines, each stamped with the seconds since the bench began, so a slow phase shows. */
public final class Progress {

  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  public Progress(PrintStream out) {
    this.out = out;
  }

  public void line(String format, Object... arguments) {
    long seconds = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    out.printf("[%4ds] %s%n", seconds, String.format(format, arguments));
    out.flush();
  }
}
