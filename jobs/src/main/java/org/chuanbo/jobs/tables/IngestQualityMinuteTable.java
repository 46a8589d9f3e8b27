package org.chuanbo.jobs.tables;

import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.records.IngestQualityCount;

/**
 * {@code chuanbo.ingest_quality_minute} (schemas/clickhouse/0010_ingest_quality.sql): additive
 * counts of rejected records and dropped duplicates per minute of arrival in Kafka.
 */
public final class IngestQualityMinuteTable {

  public static final RowMapping<IngestQualityCount> MAPPING =
      RowMapping.<IngestQualityCount>into("chuanbo.ingest_quality_minute")
          .dateTime("minute", IngestQualityCount::minuteStartMillis)
          .lowCardinality("topic", IngestQualityCount::topic)
          .lowCardinality("outcome", IngestQualityCount::outcome)
          .lowCardinality("reason", IngestQualityCount::reason)
          .uint64("records", IngestQualityCount::records)
          .build();

  private IngestQualityMinuteTable() {}
}
