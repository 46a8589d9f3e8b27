package org.chuanbo.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The stack's log, kept small: on every start a log past {@link #LIMIT_BYTES} becomes {@code
 * stack.log.1} (replacing the one before) and the new stack writes a fresh file, so at most two
 * files of about that size stay on disk.
 */
public final class StackLog {

  /** 10 MiB: weeks of an idle stack, and enough of a busy one to read what went wrong. */
  public static final long LIMIT_BYTES = 10L * 1024 * 1024;

  private StackLog() {}

  /** Moves {@code log} aside when it has grown past the limit; returns whether it did. */
  public static boolean rotateIfLarge(Path log, long limitBytes) {
    try {
      if (!Files.isRegularFile(log) || Files.size(log) <= limitBytes) {
        return false;
      }
      Files.move(
          log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not rotate " + log + ": " + e.getMessage(), e);
    }
  }
}
