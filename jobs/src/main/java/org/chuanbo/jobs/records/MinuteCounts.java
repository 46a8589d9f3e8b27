package org.chuanbo.jobs.records;

/**
 * The additive counts of one article on one channel in one minute (DOMAIN.md's views, shares,
 * reposts, likes, comments, and the engaged-time sum and count behind the mean). Mutable: it is the
 * window's accumulator.
 */
public final class MinuteCounts {

  public long views;
  public long shares;
  public long reposts;
  public long likes;
  public long comments;
  public long engagedMsSum;
  public long engagedCount;

  public MinuteCounts() {}

  public static MinuteCounts of(EnrichedEvent event) {
    MinuteCounts counts = new MinuteCounts();
    counts.add(event);
    return counts;
  }

  public void add(EnrichedEvent event) {
    switch (event.eventType()) {
      case "VIEW" -> {
        views++;
        if (event.durationMs() != null) {
          engagedMsSum += event.durationMs();
          engagedCount++;
        }
      }
      case "SHARE" -> shares++;
      case "REPOST" -> reposts++;
      case "LIKE" -> likes++;
      case "COMMENT" -> comments++;
      default -> {
        // Unknown types from newer producers are stored in chuanbo.events but not counted here.
      }
    }
  }

  public void addAll(MinuteCounts other) {
    views += other.views;
    shares += other.shares;
    reposts += other.reposts;
    likes += other.likes;
    comments += other.comments;
    engagedMsSum += other.engagedMsSum;
    engagedCount += other.engagedCount;
  }

  /** This minus {@code earlier}: what was added since {@code earlier} was taken. */
  public MinuteCounts minus(MinuteCounts earlier) {
    MinuteCounts delta = new MinuteCounts();
    delta.views = views - earlier.views;
    delta.shares = shares - earlier.shares;
    delta.reposts = reposts - earlier.reposts;
    delta.likes = likes - earlier.likes;
    delta.comments = comments - earlier.comments;
    delta.engagedMsSum = engagedMsSum - earlier.engagedMsSum;
    delta.engagedCount = engagedCount - earlier.engagedCount;
    return delta;
  }

  public MinuteCounts copy() {
    MinuteCounts copy = new MinuteCounts();
    copy.addAll(this);
    return copy;
  }

  public boolean isZero() {
    return views == 0
        && shares == 0
        && reposts == 0
        && likes == 0
        && comments == 0
        && engagedMsSum == 0
        && engagedCount == 0;
  }
}
