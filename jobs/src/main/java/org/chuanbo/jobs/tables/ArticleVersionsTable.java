package org.chuanbo.jobs.tables;

import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.records.ArticleVersion;

/** {@code chuanbo.article_versions} (schemas/clickhouse/0004_articles.sql). */
public final class ArticleVersionsTable {

  public static final RowMapping<ArticleVersion> MAPPING =
      RowMapping.<ArticleVersion>into("chuanbo.article_versions")
          .string("article_id", ArticleVersion::articleId)
          .string("title", ArticleVersion::title)
          .lowCardinality("office", ArticleVersion::office)
          .lowCardinality("series", ArticleVersion::series)
          .lowCardinality("content_type", ArticleVersion::contentType)
          .string("editor", ArticleVersion::editor)
          .dateTime64("published_at", ArticleVersion::publishedAtMillis)
          .dateTime64("updated_at", ArticleVersion::updatedAtMillis)
          .build();

  private ArticleVersionsTable() {}
}
