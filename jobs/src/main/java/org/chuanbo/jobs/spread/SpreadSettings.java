package org.chuanbo.jobs.spread;

import java.io.Serializable;
import java.time.Duration;

/**
 * The bounds of spread tracking, with defaults for a city centre.
 *
 * @param emitInterval how soon after a change an article's new spread revision is written; also the
 *     most often it is written (changes in between are folded into one revision)
 * @param shareParentWait how far the article's event time may run past a share whose parent has not
 *     arrived before it is given up on and attached to the root; longer than the latest collectors
 *     deliver (hours) so that a slow parent is still waited for
 * @param maxPendingShares the most shares of one article that wait for a parent; beyond it the
 *     oldest is given up on
 * @param exactReachLimit up to this many distinct viewers an article's reach is exact (a set);
 *     beyond it, an HLL sketch (±2.5% at 99.7% confidence)
 * @param exactViralityLimit structural virality is exact for trees of up to this many nodes, and
 *     estimated from sampled pairs (flagged) beyond
 */
public record SpreadSettings(
    Duration emitInterval,
    Duration shareParentWait,
    long maxPendingShares,
    long exactReachLimit,
    int exactViralityLimit)
    implements Serializable {

  public static SpreadSettings defaults() {
    return new SpreadSettings(
        Duration.ofSeconds(1), Duration.ofHours(24), 10_000, 100_000, 100_000);
  }

  public SpreadSettings withExactReachLimit(long limit) {
    return new SpreadSettings(
        emitInterval, shareParentWait, maxPendingShares, limit, exactViralityLimit);
  }

  public SpreadSettings withExactViralityLimit(int limit) {
    return new SpreadSettings(
        emitInterval, shareParentWait, maxPendingShares, exactReachLimit, limit);
  }
}
