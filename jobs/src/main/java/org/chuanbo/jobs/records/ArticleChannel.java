package org.chuanbo.jobs.records;

/** The grain of {@code chuanbo.article_minute} per window: one article on one channel. */
public record ArticleChannel(String articleId, String channel) {}
