package org.chuanbo.jobs.tables;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.records.EnrichedEvent;

/** {@code chuanbo.events} (schemas/clickhouse/0002_events.sql): one row per deduplicated event. */
public final class EventsTable implements RowMapping<EnrichedEvent> {

  @Override
  public String table() {
    return "chuanbo.events";
  }

  @Override
  public LinkedHashMap<String, String> columns() {
    return new Columns()
        .add("event_id", "String")
        .add("event_type", "LowCardinality(String)")
        .add("event_time", "DateTime64(3, 'Asia/Shanghai')")
        .add("article_id", "String")
        .add("office", "LowCardinality(String)")
        .add("channel", "LowCardinality(String)")
        .add("user_id", "String")
        .add("person_id", "Nullable(String)")
        .add("reach_key", "String")
        .add("terminal", "LowCardinality(String)")
        .add("region", "LowCardinality(Nullable(String))")
        .add("share_id", "Nullable(String)")
        .add("via_share_id", "Nullable(String)")
        .add("outlet", "LowCardinality(Nullable(String))")
        .add("duration_ms", "Nullable(UInt64)")
        .add("attributes", "Map(String, String)")
        .build();
  }

  @Override
  public void write(EnrichedEvent event, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("event_id", event.eventId());
    json.writeStringField("event_type", event.eventType());
    json.writeStringField("event_time", ShanghaiTime.millis(event.eventTimeMillis()));
    json.writeStringField("article_id", event.articleId());
    json.writeStringField("office", event.office());
    json.writeStringField("channel", event.channel());
    json.writeStringField("user_id", event.userId());
    json.writeStringField("person_id", event.personId());
    json.writeStringField("reach_key", event.reachKey());
    json.writeStringField("terminal", event.terminal());
    json.writeStringField("region", event.region());
    json.writeStringField("share_id", event.shareId());
    json.writeStringField("via_share_id", event.viaShareId());
    json.writeStringField("outlet", event.outlet());
    if (event.durationMs() == null) {
      json.writeNullField("duration_ms");
    } else {
      json.writeNumberField("duration_ms", event.durationMs());
    }
    json.writeObjectFieldStart("attributes");
    for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
      json.writeStringField(attribute.getKey(), attribute.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }
}
