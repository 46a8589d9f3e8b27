package org.chuanbo.jobs.tables;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.records.ArticleVersion;

/** {@code chuanbo.article_versions} (schemas/clickhouse/0004_articles.sql). */
public final class ArticleVersionsTable implements RowMapping<ArticleVersion> {

  @Override
  public String table() {
    return "chuanbo.article_versions";
  }

  @Override
  public LinkedHashMap<String, String> columns() {
    return new Columns()
        .add("article_id", "String")
        .add("title", "String")
        .add("office", "LowCardinality(String)")
        .add("series", "LowCardinality(String)")
        .add("content_type", "LowCardinality(String)")
        .add("editor", "String")
        .add("published_at", "DateTime64(3, 'Asia/Shanghai')")
        .add("updated_at", "DateTime64(3, 'Asia/Shanghai')")
        .build();
  }

  @Override
  public void write(ArticleVersion article, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("article_id", article.articleId());
    json.writeStringField("title", article.title());
    json.writeStringField("office", article.office());
    json.writeStringField("series", article.series());
    json.writeStringField("content_type", article.contentType());
    json.writeStringField("editor", article.editor());
    json.writeStringField("published_at", ShanghaiTime.millis(article.publishedAtMillis()));
    json.writeStringField("updated_at", ShanghaiTime.millis(article.updatedAtMillis()));
    json.writeEndObject();
  }
}
