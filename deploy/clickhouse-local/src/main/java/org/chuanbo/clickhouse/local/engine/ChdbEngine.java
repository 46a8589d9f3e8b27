package org.chuanbo.clickhouse.local.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The ClickHouse engine (chDB) loaded into this process, storing its data under one directory.
 *
 * <p>chDB boots one engine per process and binds it to one data path; every connection shares it.
 * So this class is a process-wide singleton: {@link #open} returns the engine that is already
 * running on the same directory, and refuses another directory. The engine lives as long as the
 * process, which leaves through {@link EngineExit} (closing the engine first is neither needed —
 * inserts are on disk when they return — nor safe).
 */
public final class ChdbEngine {

  private static final Object LOCK = new Object();
  private static ChdbEngine running;
  private static volatile boolean loaded;

  private final LibChdb lib;
  private final Path dataDirectory;

  /** Holds the engine up and answered who it is; never handed out, so its session stays clean. */
  private final ChdbConnection anchor;

  private final String version;
  private final String timezone;

  private ChdbEngine(LibChdb lib, Path dataDirectory) {
    this.lib = lib;
    this.dataDirectory = dataDirectory;
    this.anchor = connect();
    String[] identity = anchor.executeText("SELECT version(), timezone()").strip().split("\t");
    this.version = identity[0];
    this.timezone = identity[1];
  }

  /** Opens the engine on {@code dataDirectory}, or returns it if it already runs there. */
  public static ChdbEngine open(Path dataDirectory) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    synchronized (LOCK) {
      if (running != null) {
        if (!running.dataDirectory.equals(directory)) {
          throw new IllegalStateException(
              "this process already serves ClickHouse data from "
                  + running.dataDirectory
                  + "; one engine per process, so it cannot also open "
                  + directory);
        }
        return running;
      }
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot create the data directory " + directory + ": " + e.getMessage(), e);
      }
      JvmSignalChaining.requireLibjsig();
      StandardInputDetachment.detach();
      LibChdb lib =
          Native.load(
              LibchdbLocation.resolve().toString(),
              LibChdb.class,
              Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
      loaded = true;
      lib.chdb_set_signal_handlers_enabled(0);
      running = new ChdbEngine(lib, directory);
      return running;
    }
  }

  /** Whether this process has loaded the engine (and so must leave through {@link EngineExit}). */
  public static boolean wasLoaded() {
    return loaded;
  }

  /** A new connection with a session of its own (settings, current database, temporary tables). */
  public ChdbConnection openConnection() {
    return connect();
  }

  public String version() {
    return version;
  }

  public String timezone() {
    return timezone;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  private ChdbConnection connect() {
    String[] argv = {"clickhouse", "--path=" + dataDirectory};
    Pointer connectionPointer = lib.chdb_connect(argv.length, argv);
    if (connectionPointer == null || connectionPointer.getPointer(0) == null) {
      throw new IllegalStateException(
          "the ClickHouse engine could not open "
              + dataDirectory
              + " (is another process using it?)");
    }
    return new ChdbConnection(lib, connectionPointer);
  }
}
