package org.chuanbo.jobs.functions;

import java.time.Clock;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.records.ArticleVersion;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.ValidationProblem;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/** Decodes and validates {@code chuanbo.articles} records; rejects go to {@link #REJECTED}. */
public final class DecodeArticles extends ProcessFunction<RawRecord, ArticleVersion> {

  public static final OutputTag<RejectedRecord> REJECTED = new OutputTag<>("rejected-articles") {};

  private final Clock clock;
  private transient AvroSingleObjectCodec codec;
  private transient Counter rejected;

  public DecodeArticles(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void open(OpenContext context) {
    codec = AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), Article.AVRO_NAME);
    rejected = getRuntimeContext().getMetricGroup().counter("articlesRejected");
  }

  @Override
  public void processElement(RawRecord raw, Context context, Collector<ArticleVersion> out) {
    try {
      Article article = Article.fromGenericRecord(codec.decode(raw.value()));
      List<ValidationProblem> problems = article.validate(clock.instant());
      if (!problems.isEmpty()) {
        throw RejectedRecordException.of(problems);
      }
      out.collect(
          new ArticleVersion(
              article.articleId(),
              article.title(),
              article.office(),
              article.series() == null ? "" : article.series(),
              article.contentType().name(),
              article.editor(),
              article.publishedAt().toEpochMilli(),
              article.updatedAt().toEpochMilli()));
    } catch (RejectedRecordException e) {
      rejected.inc();
      context.output(
          REJECTED, new RejectedRecord(raw, e.reason().name(), e.detail(), clock.millis()));
    } catch (RuntimeException e) {
      rejected.inc();
      context.output(
          REJECTED,
          new RejectedRecord(raw, "INVALID_VALUE", String.valueOf(e.getMessage()), clock.millis()));
    }
  }
}
