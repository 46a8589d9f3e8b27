package org.chuanbo.jobs.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * When the job counts as catching up on a backlog, and when as caught up again: by how old the
 * newest records its readers emit are, against the time the records were written to Kafka (FLIP-328
 * judges the same way, by watermark lag). A job that keeps up reads records a moment after they are
 * written, however long its checkpoints; one that restarted after an outage reads records as old as
 * the outage. Between the two bounds the last decision stands, so that the lag wavering around one
 * bound does not switch the interval back and forth.
 *
 * @param intervalDuringBacklog the checkpoint interval while catching up
 * @param behindAbove reading records older than this is a backlog
 * @param caughtUpBelow reading records newer than this (or none at all) ends it
 */
public record BacklogRule(
    Duration intervalDuringBacklog, Duration behindAbove, Duration caughtUpBelow)
    implements Serializable {

  public BacklogRule {
    if (caughtUpBelow.compareTo(behindAbove) >= 0) {
      throw new IllegalArgumentException(
          "caught up below " + caughtUpBelow + " must be less than behind above " + behindAbove);
    }
  }

  /**
   * The job's rule: behind beyond 30 s, caught up within 10 s. Seconds of lag are what a short
   * restart or a burst leaves and the normal interval soon works off.
   */
  public static BacklogRule of(Duration intervalDuringBacklog) {
    return new BacklogRule(intervalDuringBacklog, Duration.ofSeconds(30), Duration.ofSeconds(10));
  }

  /**
   * @param wasBehind what the last decision said
   * @param lagMillis how far the newest record read trails its writing; empty when no reader read
   *     anything lately (nothing to catch up on)
   */
  public boolean behind(boolean wasBehind, OptionalLong lagMillis) {
    if (lagMillis.isEmpty()) {
      return false;
    }
    long lag = lagMillis.getAsLong();
    return wasBehind ? lag >= caughtUpBelow.toMillis() : lag > behindAbove.toMillis();
  }
}
