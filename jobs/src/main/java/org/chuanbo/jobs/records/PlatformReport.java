package org.chuanbo.jobs.records;

/**
 * One platform report as the job carries it: a platform's own counts for one article, channel and
 * Shanghai day, as of a time (DOMAIN.md "Platform-reported counts"). Of the reports for one
 * (article, channel, day) the one with the latest {@code asOfMillis} wins (ties: the greater {@code
 * reportId}), whatever order they arrive in.
 *
 * @param epochDay the Shanghai day, as days since 1970-01-01
 */
public record PlatformReport(
    String reportId,
    String articleId,
    String channel,
    long epochDay,
    long asOfMillis,
    long views,
    long shares,
    long likes,
    long comments) {

  /** Whether this report replaces one taken at {@code otherAsOf} with id {@code otherId}. */
  public boolean supersedes(long otherAsOf, String otherId) {
    if (asOfMillis != otherAsOf) {
      return asOfMillis > otherAsOf;
    }
    return otherId == null || reportId.compareTo(otherId) > 0;
  }
}
