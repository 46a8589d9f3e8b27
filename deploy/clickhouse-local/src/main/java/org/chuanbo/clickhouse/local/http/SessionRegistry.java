package org.chuanbo.clickhouse.local.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.chuanbo.clickhouse.local.engine.ChdbConnection;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;

/**
 * HTTP sessions ({@code session_id}): each is an engine connection of its own, so its settings and
 * temporary tables live as long as the session. Like the server: one query at a time per session (a
 * second one gets code 373), {@code session_timeout} seconds of idleness (default 60, at most 3600)
 * and the session is gone, {@code session_check=1} refuses to create one.
 */
final class SessionRegistry implements AutoCloseable {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(3600);

  private static final int SESSION_NOT_FOUND = 372;
  private static final int SESSION_IS_LOCKED = 373;
  private static final int INVALID_SESSION_TIMEOUT = 374;

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Function<Role, ChdbConnection> connections;
  private final Clock clock;

  /**
   * @param connections a new session's connection for a user of the role: it starts with the
   *     settings that hold that role to its limits
   */
  SessionRegistry(Function<Role, ChdbConnection> connections, Clock clock) {
    this.connections = connections;
    this.clock = clock;
  }

  /** A session, locked for the caller; give it back with {@link Session#release()}. */
  Session acquire(UserDirectory.User user, String id, String timeoutParameter, boolean mustExist) {
    Duration timeout = parseTimeout(timeoutParameter);
    String key = user.name() + "\u0000" + id;
    Session session;
    synchronized (sessions) {
      session = sessions.get(key);
      if (session == null) {
        if (mustExist) {
          throw ClickHouseException.of(
              SESSION_NOT_FOUND, "SESSION_NOT_FOUND", "Session " + id + " not found");
        }
        session = new Session(key, id, connections.apply(user.role()));
        sessions.put(key, session);
      }
      if (!session.lock.tryLock()) {
        throw ClickHouseException.of(
            SESSION_IS_LOCKED,
            "SESSION_IS_LOCKED",
            "Session " + id + " is locked by a concurrent client");
      }
    }
    session.timeout = timeout;
    return session;
  }

  /** Closes sessions idle for longer than their timeout; called every second or so. */
  void expireIdle() {
    Instant now = clock.instant();
    synchronized (sessions) {
      for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
        Session session = it.next();
        if (session.lastUsed.plus(session.timeout).isBefore(now) && session.lock.tryLock()) {
          it.remove();
          session.connection.close();
          session.lock.unlock();
        }
      }
    }
  }

  int size() {
    return sessions.size();
  }

  private static Duration parseTimeout(String parameter) {
    if (parameter == null || parameter.isEmpty()) {
      return DEFAULT_TIMEOUT;
    }
    long seconds;
    try {
      seconds = Long.parseLong(parameter.trim());
    } catch (NumberFormatException e) {
      throw ClickHouseException.of(
          INVALID_SESSION_TIMEOUT,
          "INVALID_SESSION_TIMEOUT",
          "Invalid session timeout: '" + parameter + "'");
    }
    if (seconds < 0 || seconds > MAX_TIMEOUT.toSeconds()) {
      throw ClickHouseException.of(
          INVALID_SESSION_TIMEOUT,
          "INVALID_SESSION_TIMEOUT",
          "Session timeout '"
              + seconds
              + "' is larger than max_session_timeout: "
              + MAX_TIMEOUT.toSeconds());
    }
    return Duration.ofSeconds(seconds);
  }

  @Override
  public void close() {
    synchronized (sessions) {
      sessions.values().forEach(session -> session.connection.close());
      sessions.clear();
    }
  }

  /** One session: its connection, and the lock that keeps it to one query at a time. */
  final class Session {
    private final String key;
    private final String id;
    private final ChdbConnection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Instant lastUsed;
    private volatile Duration timeout = DEFAULT_TIMEOUT;

    private Session(String key, String id, ChdbConnection connection) {
      this.key = key;
      this.id = id;
      this.connection = connection;
      this.lastUsed = clock.instant();
    }

    ChdbConnection connection() {
      return connection;
    }

    String id() {
      return id;
    }

    /** Unlocks; with {@code close} the session ends now ({@code close_session=1}). */
    void release(boolean close) {
      lastUsed = clock.instant();
      if (close) {
        synchronized (sessions) {
          sessions.remove(key, this);
          connection.close();
        }
      }
      lock.unlock();
    }
  }
}
