package org.chuanbo.clickhouse.local.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
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

  /** How long a failed login waits for its answer. */
  private static final Duration FAILED_LOGIN_PAUSE = Duration.ofMillis(500);

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

  /** Starts serving {@code engine} on {@code host:port} with the default limits. */
  public static ClickHouseHttpServer start(
      ChdbEngine engine, String host, int port, UserDirectory users) {
    return start(engine, host, port, users, EndpointLimits.defaults());
  }

  /** Starts serving {@code engine} on {@code host:port}; port 0 picks a free one. */
  public static ClickHouseHttpServer start(
      ChdbEngine engine, String host, int port, UserDirectory users, EndpointLimits limits) {
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
            role ->
                ServerDefaults.applied(engine.openConnection(), limits.settingsFor(role, false)),
            Clock.systemUTC());
    AtomicInteger threadNumber = new AtomicInteger();
    // Threads as needed: the query lanes bound what reaches the engine, and a thread that waits
    // for a lane, a failed login's pause or /ping must never keep another request waiting.
    ExecutorService handlers =
        Executors.newCachedThreadPool(
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
    ClientWatch clientWatch = new ClientWatch(engine, server.getAddress().getPort());
    housekeeping.scheduleWithFixedDelay(clientWatch::sweep, 500, 500, TimeUnit.MILLISECONDS);
    InsertSpool spool = InsertSpool.create(engine.dataDirectory());
    server.createContext(
        "/",
        new QueryHandler(
            engine,
            users,
            sessions,
            spool,
            StatementAccess.forEngine(engine),
            limits,
            new FailedLogins(FAILED_LOGIN_PAUSE),
            clientWatch));
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
