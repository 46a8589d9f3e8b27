package org.chuanbo.jobs.records;

/**
 * One revision of an article's spread (a {@code chuanbo.article_spread_versions} row): the figures
 * of DOMAIN.md "Metrics" over everything the job has seen of the article, with the dissemination
 * index and each of its components. The latest revision of an article is its current spread.
 *
 * <p>Counts that a platform also reports (views, shares, likes, comments) are effective counts: per
 * channel and Shanghai day the greater of the counted events and the latest report, summed.
 *
 * @param sharesPerGeneration index 0 holds generation 1
 * @param amplification via-share views / direct views; null without direct views
 * @param firstRepostAtMillis null when nobody reposted the piece yet
 */
public record ArticleSpread(
    String articleId,
    long revision,
    String office,
    long views,
    long countedViews,
    long directViews,
    long viaShareViews,
    long reach,
    boolean reachExact,
    long shares,
    long countedShares,
    long reposts,
    long likes,
    long comments,
    long engagements,
    long outlets,
    Long firstRepostAtMillis,
    long cascadeShares,
    long pendingShares,
    long orphanedShares,
    int maxDepth,
    double meanDepth,
    long[] sharesPerGeneration,
    Double amplification,
    double structuralVirality,
    boolean structuralViralityEstimated,
    int channels,
    DisseminationScore score,
    long updatedAtMillis) {}
