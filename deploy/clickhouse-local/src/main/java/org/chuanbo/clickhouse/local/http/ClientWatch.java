package org.chuanbo.clickhouse.local.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.chuanbo.clickhouse.local.engine.ChdbConnection;
import org.chuanbo.clickhouse.local.engine.ChdbEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels a statement whose client has gone away. The JDK's HTTP server does not tell a handler
 * that its client hung up, so the watch asks the kernel: every half second it reads the endpoint's
 * TCP connections from {@code /proc/net/tcp}, and a running statement whose connection is closed by
 * the client (CLOSE_WAIT) or gone is killed with {@code KILL QUERY}. Statements are found by a
 * comment the endpoint puts first in their text ({@link #marker}). Without {@code /proc} (not
 * Linux), the watch does nothing and abandoned statements run until their time limit.
 *
 * <p>A wrong kill fails a healthy query, so the watch is careful: a statement is judged only by a
 * connection table read after it started, and killed only after two sweeps in a row miss its
 * client, because the kernel writes {@code /proc/net/tcp} in pages and a read while connections
 * come and go can skip a live one.
 */
final class ClientWatch {

  private static final Logger LOG = LoggerFactory.getLogger(ClientWatch.class);

  private static final List<Path> TCP_TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  private static final String ESTABLISHED = "01";
  private static final int MISSES_BEFORE_CANCEL = 2;

  private final ChdbEngine engine;
  private final Map<String, Watched> running = new ConcurrentHashMap<>();
  private final Map<String, Integer> missedSweeps = new ConcurrentHashMap<>();
  private final boolean available = Files.isReadable(TCP_TABLES.get(0));
  private final int serverPort;

  private record Watched(int clientPort, String marker) {}

  /**
   * @param serverPort the endpoint's port, whose connections the watch reads
   */
  ClientWatch(ChdbEngine engine, int serverPort) {
    this.engine = engine;
    this.serverPort = serverPort;
  }

  /** A fresh comment that names one statement, to put first in its text. */
  static String marker() {
    return "/* chuanbo-request " + UUID.randomUUID() + " */ ";
  }

  /** A statement being watched; closing ends the watch. */
  interface Watching extends AutoCloseable {
    @Override
    void close();
  }

  /** Watches the client on {@code clientPort} while its statement runs. */
  Watching watch(int clientPort, String marker) {
    running.put(marker, new Watched(clientPort, marker));
    return () -> {
      running.remove(marker);
      missedSweeps.remove(marker);
    };
  }

  /** Kills the statements whose clients are gone; run every half second. */
  void sweep() {
    if (!available || running.isEmpty()) {
      return;
    }
    List<Watched> startedBeforeTheRead = List.copyOf(running.values());
    Set<Integer> connected = connectedClientPorts();
    for (Watched watched : startedBeforeTheRead) {
      String marker = watched.marker();
      if (connected.contains(watched.clientPort())) {
        missedSweeps.remove(marker);
      } else if (missedSweeps.merge(marker, 1, Integer::sum) >= MISSES_BEFORE_CANCEL
          && running.remove(marker) != null) {
        missedSweeps.remove(marker);
        cancel(watched);
      }
    }
    // a statement that ended while this sweep ran must not leave its count behind
    missedSweeps.keySet().retainAll(running.keySet());
  }

  private void cancel(Watched watched) {
    String marker = watched.marker().strip();
    try (ChdbConnection connection = engine.openConnection()) {
      connection.run(
          "KILL QUERY WHERE startsWith(query, "
              + ScopedSettings.quoteString(marker)
              + ") ASYNC FORMAT Null");
      LOG.info("client on port {} went away; its statement was cancelled", watched.clientPort());
    } catch (RuntimeException e) {
      LOG.warn("could not cancel the statement of a client that went away: {}", e.getMessage());
    }
  }

  /** Client ports with an established connection to the endpoint's port. */
  private Set<Integer> connectedClientPorts() {
    Set<Integer> ports = new HashSet<>();
    for (Path table : TCP_TABLES) {
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException e) {
        continue;
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 3 && port(fields[1]) == serverPort && fields[3].equals(ESTABLISHED)) {
          ports.add(port(fields[2]));
        }
      }
    }
    return ports;
  }

  private static int port(String hexAddress) {
    int colon = hexAddress.lastIndexOf(':');
    try {
      return Integer.parseInt(hexAddress.substring(colon + 1), 16);
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return -1;
    }
  }
}
