package org.chuanbo.clickhouse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.chuanbo.clickhouse.local.engine.ChdbEngine;
import org.chuanbo.clickhouse.local.engine.EngineExit;
import org.chuanbo.clickhouse.local.http.ClickHouseHttpServer;
import org.chuanbo.clickhouse.local.http.UserDirectory;

/**
 * The engine and its HTTP endpoint, shared by every test in this JVM: chDB runs one engine per
 * process, so tests share it and keep apart by using tables of their own ({@link #uniqueName}).
 */
public final class LocalClickHouse {

  private static ChdbEngine engine;
  private static ClickHouseHttpServer server;

  private LocalClickHouse() {}

  public static synchronized ChdbEngine engine() {
    if (engine == null) {
      try {
        Path data = Files.createTempDirectory(Path.of("target"), "clickhouse-it-");
        engine = ChdbEngine.open(data);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime()
          .addShutdownHook(new Thread(LocalClickHouse::stop, "clickhouse-test-exit"));
    }
    return engine;
  }

  public static synchronized ClickHouseHttpServer server() {
    if (server == null) {
      server =
          ClickHouseHttpServer.start(
              engine(), "127.0.0.1", 0, UserDirectory.defaultUserWithoutPassword());
    }
    return server;
  }

  public static String url() {
    return server().url();
  }

  public static String jdbcUrl() {
    return "jdbc:clickhouse://127.0.0.1:" + server().port();
  }

  /** A table or session name no other test uses. */
  public static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Stops the endpoint so no query is running, then leaves (see {@link EngineExit}). */
  private static void stop() {
    if (server != null) {
      server.close();
    }
    EngineExit.exit(0);
  }
}
