package org.chuanbo.jobs.tables;

import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.records.EnrichedEvent;

/** {@code chuanbo.events} (schemas/clickhouse/0002_events.sql): one row per deduplicated event. */
public final class EventsTable {

  public static final RowMapping<EnrichedEvent> MAPPING =
      RowMapping.<EnrichedEvent>into("chuanbo.events")
          .string("event_id", EnrichedEvent::eventId)
          .lowCardinality("event_type", EnrichedEvent::eventType)
          .dateTime64("event_time", EnrichedEvent::eventTimeMillis)
          .string("article_id", EnrichedEvent::articleId)
          .lowCardinality("office", EnrichedEvent::office)
          .lowCardinality("channel", EnrichedEvent::channel)
          .string("user_id", EnrichedEvent::userId)
          .nullableString("person_id", EnrichedEvent::personId)
          .string("reach_key", EnrichedEvent::reachKey)
          .lowCardinality("terminal", EnrichedEvent::terminal)
          .lowCardinalityNullable("region", EnrichedEvent::region)
          .nullableString("share_id", EnrichedEvent::shareId)
          .nullableString("via_share_id", EnrichedEvent::viaShareId)
          .lowCardinalityNullable("outlet", EnrichedEvent::outlet)
          .nullableUInt64("duration_ms", EnrichedEvent::durationMs)
          .stringMap("attributes", EnrichedEvent::attributes)
          .build();

  private EventsTable() {}
}
