package org.chuanbo.jobs.tables;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.records.ArticleMinuteDelta;
import org.chuanbo.jobs.records.MinuteCounts;

/** {@code chuanbo.article_minute} (schemas/clickhouse/0003_article_minute.sql): additive deltas. */
public final class ArticleMinuteTable implements RowMapping<ArticleMinuteDelta> {

  @Override
  public String table() {
    return "chuanbo.article_minute";
  }

  @Override
  public LinkedHashMap<String, String> columns() {
    return new Columns()
        .add("article_id", "String")
        .add("channel", "LowCardinality(String)")
        .add("minute", "DateTime('Asia/Shanghai')")
        .add("views", "UInt64")
        .add("shares", "UInt64")
        .add("reposts", "UInt64")
        .add("likes", "UInt64")
        .add("comments", "UInt64")
        .add("engaged_ms_sum", "UInt64")
        .add("engaged_count", "UInt64")
        .build();
  }

  @Override
  public void write(ArticleMinuteDelta row, JsonGenerator json) throws IOException {
    MinuteCounts counts = row.counts();
    json.writeStartObject();
    json.writeStringField("article_id", row.articleId());
    json.writeStringField("channel", row.channel());
    json.writeStringField("minute", ShanghaiTime.seconds(row.minuteStartMillis()));
    json.writeNumberField("views", counts.views);
    json.writeNumberField("shares", counts.shares);
    json.writeNumberField("reposts", counts.reposts);
    json.writeNumberField("likes", counts.likes);
    json.writeNumberField("comments", counts.comments);
    json.writeNumberField("engaged_ms_sum", counts.engagedMsSum);
    json.writeNumberField("engaged_count", counts.engagedCount);
    json.writeEndObject();
  }
}
