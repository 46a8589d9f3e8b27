package org.chuanbo.clickhouse.local.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chuanbo.clickhouse.local.engine.ChdbEngine;

/**
 * The ClickHouse HTTP interface in front of the in-process engine, so that the official clients,
 * curl and Superset use the local stack exactly as they would use a ClickHouse server.
 */
public final class ClickHouseHttpServer implements AutoCloseable {

  /** Enough handler threads for the job's sink, a dashboard and an export at once, and more. */
  private static final int HANDLER_THREADS = 32;

  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService housekeeping;
  private final SessionRegistry sessions;
  private final InsertSpool spool;

  private ClickHouseHttpServer(
      HttpServer server,
      ExecutorService handlers,
      ScheduledExecutorService housekeeping,
      SessionRegistry sessions,
      InsertSpool spool) {
    this.server = server;
    this.handlers = handlers;
    this.housekeeping = housekeeping;
    this.sessions = sessions;
    this.spool = spool;
  }

  /** Starts serving {@code engine} on {@code host:port}; port 0 picks a free one. */
  public static ClickHouseHttpServer start(
      ChdbEngine engine, String host, int port, UserDirectory users) {
    // Without TCP_NODELAY, small answers wait on Nagle's algorithm and each query costs ~40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); pick another --port",
          e);
    }
    SessionRegistry sessions =
        new SessionRegistry(
            () -> ServerDefaults.applied(engine.openConnection()), Clock.systemUTC());
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService handlers =
        Executors.newFixedThreadPool(
            HANDLER_THREADS,
            runnable -> {
              Thread thread =
                  new Thread(runnable, "clickhouse-http-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    ScheduledExecutorService housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "clickhouse-http-sessions");
              thread.setDaemon(true);
              return thread;
            });
    housekeeping.scheduleWithFixedDelay(sessions::expireIdle, 1, 1, TimeUnit.SECONDS);
    InsertSpool spool = InsertSpool.create(engine.dataDirectory());
    server.createContext("/", new QueryHandler(engine, users, sessions, spool));
    server.setExecutor(handlers);
    server.start();
    return new ClickHouseHttpServer(server, handlers, housekeeping, sessions, spool);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port();
  }

  /** Stops accepting, lets running queries finish (up to 5 s), then ends every session. */
  @Override
  public void close() {
    server.stop(2);
    handlers.shutdown();
    try {
      handlers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    housekeeping.shutdownNow();
    sessions.close();
    spool.close();
  }
}
