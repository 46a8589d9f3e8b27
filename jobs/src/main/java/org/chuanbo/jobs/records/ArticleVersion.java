package org.chuanbo.jobs.records;

/**
 * One version of an article from the CMS, as the job keeps and stores it ({@code
 * chuanbo.article_versions}); the latest {@code updatedAtMillis} wins. Optional series is "".
 */
public record ArticleVersion(
    String articleId,
    String title,
    String office,
    String series,
    String contentType,
    String editor,
    long publishedAtMillis,
    long updatedAtMillis) {}
