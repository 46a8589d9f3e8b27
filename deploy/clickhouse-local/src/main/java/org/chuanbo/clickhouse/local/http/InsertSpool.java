package org.chuanbo.clickhouse.local.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where an INSERT's data waits for the engine: a file read with {@code INSERT … FROM INFILE}.
 *
 * <p>Why not hand the data to the engine inline after the statement, as the C API allows? Because
 * the engine's statement splitter ends inline data at the first empty line: a RowBinary body that
 * happens to hold the bytes {@code 0A 0A} (the number 2570, say) is cut short there and the rest is
 * silently dropped. A file has no such limit, is read at disk-cache speed, and lets a large body go
 * from the socket to the engine without being held in memory. The spool lives in {@code /dev/shm}
 * (memory) where it exists, else under the data directory.
 */
final class InsertSpool implements AutoCloseable {

  private static final int COPY_CHUNK = 1 << 20;

  private final Path directory;

  private InsertSpool(Path directory) {
    this.directory = directory;
  }

  static InsertSpool create(Path dataDirectory) {
    Path shm = Path.of("/dev/shm");
    Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : dataDirectory;
    try {
      return new InsertSpool(Files.createTempDirectory(base, "chuanbo-insert-spool-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an insert spool under " + base, e);
    }
  }

  /** Copies the stream into a new spool file. */
  SpooledData spool(InputStream data) throws IOException {
    Path file = Files.createTempFile(directory, "insert-", ".data");
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
      // Large chunks: the default 8 KiB copy makes spooling the slowest step of a big insert.
      byte[] chunk = new byte[COPY_CHUNK];
      for (int read = data.read(chunk); read >= 0; read = data.read(chunk)) {
        out.write(chunk, 0, read);
      }
      return new SpooledData(file);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Writes the buffer into a new spool file. */
  SpooledData spool(ByteBuffer data) throws IOException {
    Path file = Files.createTempFile(directory, "insert-", ".data");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      while (data.hasRemaining()) {
        channel.write(data);
      }
      return new SpooledData(file);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  @Override
  public void close() {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // Left-over spool files are harmless; the next start uses a new directory.
    }
  }

  /** One spooled body; closing deletes it. */
  record SpooledData(Path path) implements AutoCloseable {
    @Override
    public void close() {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // A file the engine still holds open is removed with the spool directory.
      }
    }
  }
}
