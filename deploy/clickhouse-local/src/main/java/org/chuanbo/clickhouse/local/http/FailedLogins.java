package org.chuanbo.clickhouse.local.http;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: every failed login waits before its answer, and the failures of one
 * client address wait one after the other, so sending guesses in parallel gains nothing. Logins
 * that succeed never wait, so a guesser on the same machine does not slow the job down.
 */
final class FailedLogins {

  private final Duration pause;
  private final Map<InetAddress, Object> queues = new ConcurrentHashMap<>();

  FailedLogins(Duration pause) {
    this.pause = pause;
  }

  void pauseAfterFailure(InetAddress client) {
    Object queue = queues.computeIfAbsent(client, address -> new Object());
    synchronized (queue) {
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
