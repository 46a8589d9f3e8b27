package org.chuanbo.jobs.records;

/**
 * A row of {@code chuanbo.article_minute}: counts to add for one article, channel and minute. Early
 * results and late corrections are all such deltas; their sum is the exact figure.
 *
 * @param minuteStartMillis the minute's first millisecond (minutes align in UTC and Asia/Shanghai)
 */
public record ArticleMinuteDelta(
    String articleId, String channel, long minuteStartMillis, MinuteCounts counts) {}
