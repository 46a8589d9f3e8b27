package org.chuanbo.jobs.functions;

import java.time.Clock;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.records.ArticleVersion;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.records.Article;

/** Decodes and validates {@code chuanbo.articles} records; rejects go to {@link #REJECTED}. */
public final class DecodeArticles extends DecodeRecords<ArticleVersion> {

  public static final OutputTag<RejectedRecord> REJECTED = new OutputTag<>("rejected-articles") {};

  public DecodeArticles(Clock clock) {
    super(clock, Article.AVRO_NAME, "articlesRejected", REJECTED);
  }

  @Override
  ArticleVersion convert(GenericRecord record, RawRecord raw, Instant now)
      throws RejectedRecordException {
    Article article = Article.fromGenericRecord(record);
    RejectedRecordException.throwIfAny(article.validate(now));
    return new ArticleVersion(
        article.articleId(),
        article.title(),
        article.office(),
        article.series() == null ? "" : article.series(),
        article.contentType().name(),
        article.editor(),
        article.publishedAt().toEpochMilli(),
        article.updatedAt().toEpochMilli());
  }
}
