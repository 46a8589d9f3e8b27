package org.chuanbo.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The layout of a broker's data directory:
 *
 * <pre>
 * server.properties     written at every start from the settings
 * kraft/                log.dirs: meta.properties, .lock, the metadata log, every partition
 * logs/server.log       the broker's log and its JVM's stdout/stderr (server.log.1: the previous)
 * logs/format.log       output of the one-time storage format
 * </pre>
 */
record BrokerDirectory(Path root) {

  /** Past this size the log moves to server.log.1 at the next start, so it stays bounded. */
  private static final long LOG_ROTATION_BYTES = 10L * 1024 * 1024;

  BrokerDirectory {
    root = root.toAbsolutePath().normalize();
  }

  Path serverProperties() {
    return root.resolve("server.properties");
  }

  Path logDirectory() {
    return root.resolve("kraft");
  }

  /** Written by the storage format; its presence means the directory is formatted. */
  Path metaProperties() {
    return logDirectory().resolve("meta.properties");
  }

  Path serverLog() {
    return root.resolve("logs").resolve("server.log");
  }

  Path formatLog() {
    return root.resolve("logs").resolve("format.log");
  }

  /**
   * Whether a running broker holds Kafka's own lock on the log directory. Checked before every
   * start because a second broker on the same directory does not stop at that lock in time: its
   * controller starts first and appends to the shared metadata log, which corrupts it for the
   * running broker.
   */
  boolean isLockedByABroker() {
    Path lock = logDirectory().resolve(".lock");
    if (!Files.exists(lock)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) {
        return true;
      }
      held.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the lock " + lock, e);
    }
  }

  void create() {
    try {
      Files.createDirectories(logDirectory());
      Files.createDirectories(serverLog().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Kafka data directory " + root, e);
    }
  }

  /** Moves a large server.log aside and returns where this run's output will start. */
  long rotateServerLog() {
    Path log = serverLog();
    try {
      if (Files.exists(log) && Files.size(log) > LOG_ROTATION_BYTES) {
        Files.move(log, log.resolveSibling("server.log.1"), StandardCopyOption.REPLACE_EXISTING);
      }
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rotate " + log, e);
    }
  }
}
