package org.chuanbo.jobs.tables;

import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.records.CascadeShare;

/** {@code chuanbo.share_cascade} (schemas/clickhouse/0006_share_cascade.sql): one row per share. */
public final class ShareCascadeTable {

  public static final RowMapping<CascadeShare> MAPPING =
      RowMapping.<CascadeShare>into("chuanbo.share_cascade")
          .string("article_id", CascadeShare::articleId)
          .string("share_id", CascadeShare::shareId)
          .nullableString("parent_share_id", CascadeShare::parentShareId)
          .nullableString("via_share_id", CascadeShare::viaShareId)
          .unsigned("generation", "UInt16", CascadeShare::generation)
          .lowCardinality("channel", CascadeShare::channel)
          .lowCardinality("office", CascadeShare::office)
          .dateTime64("event_time", CascadeShare::eventTimeMillis)
          .unsigned("parent_missing", "UInt8", row -> row.parentMissing() ? 1 : 0)
          .build();

  private ShareCascadeTable() {}
}
