package org.chuanbo.jobs.spread;

/**
 * The small, per-event part of an article's spread state: running counts of counted events, the
 * cascade's shape, and bookkeeping. The large parts (viewers, shares, channel-days, outlets) live
 * in map state beside it. A Flink POJO: public fields, no-argument constructor.
 */
public final class SpreadSummary {
  public String office;
  public long countedViews;
  public long directViews;
  public long viaShareViews;
  public long countedShares;
  public long reposts;
  public long outlets;
  public Long firstRepostAtMillis;
  public long reach;
  public boolean reachSketched;
  public long cascadeShares;
  public long pendingShares;
  public long orphanedShares;
  public long depthSum;
  public int maxDepth;
  public long[] sharesPerGeneration = new long[0];

  /** The article's own event-time clock: the latest event time seen (decides give-ups). */
  public long latestEventTimeMillis = Long.MIN_VALUE;

  /**
   * The article event time after which a waiting share may be due to be given up on; waiting shares
   * are scanned only past it (or when too many wait), not on every event.
   */
  public long nextGiveUpAtMillis = Long.MAX_VALUE;

  public long revision;

  /** When the next revision is due (processing time), 0 when none is scheduled. */
  public long emitAtMillis;

  public SpreadSummary() {}

  /** Counts a newly attached share of {@code generation}. */
  void addShareAt(int generation) {
    cascadeShares++;
    depthSum += generation;
    maxDepth = Math.max(maxDepth, generation);
    if (sharesPerGeneration.length < generation) {
      sharesPerGeneration = java.util.Arrays.copyOf(sharesPerGeneration, generation);
    }
    sharesPerGeneration[generation - 1]++;
  }
}
