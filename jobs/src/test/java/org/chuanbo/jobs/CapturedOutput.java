package org.chuanbo.jobs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything this JVM writes to its standard output and error while open, passed on as well. The
 * tests log through slf4j-simple ({@code simplelogger.properties}), which looks up {@code
 * System.err} at every line, so the log of the job on the MiniCluster, of Flink, and of the Kafka
 * and ClickHouse clients lands here.
 */
final class CapturedOutput implements AutoCloseable {

  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private CapturedOutput() {
    System.setOut(tee(originalOut));
    System.setErr(tee(originalErr));
  }

  static CapturedOutput start() {
    return new CapturedOutput();
  }

  /** What was written so far. */
  byte[] bytes() {
    synchronized (captured) {
      return captured.toByteArray();
    }
  }

  String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.out.flush();
    System.err.flush();
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private PrintStream tee(PrintStream original) {
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            original.write(b);
            synchronized (captured) {
              captured.write(b);
            }
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            original.write(bytes, offset, length);
            synchronized (captured) {
              captured.write(bytes, offset, length);
            }
          }

          @Override
          public void flush() {
            original.flush();
          }
        };
    return new PrintStream(both, true, StandardCharsets.UTF_8);
  }
}
