package org.chuanbo.jobs.functions;

import java.time.Clock;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.records.PlatformReport;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.records.PlatformCount;

/**
 * Decodes {@code chuanbo.platform_counts} records (a platform's own daily counts of an article) and
 * validates them; rejects go to {@link #REJECTED} with the reason. Metric: {@code
 * platformCountsRejected}.
 */
public final class DecodePlatformCounts extends DecodeRecords<PlatformReport> {

  public static final OutputTag<RejectedRecord> REJECTED =
      new OutputTag<>("rejected-platform-counts") {};

  public DecodePlatformCounts(Clock clock) {
    super(clock, PlatformCount.AVRO_NAME, "platformCountsRejected", REJECTED);
  }

  @Override
  PlatformReport convert(GenericRecord record, RawRecord raw, Instant now)
      throws RejectedRecordException {
    PlatformCount count = PlatformCount.fromGenericRecord(record);
    RejectedRecordException.throwIfAny(count.validate(now));
    return new PlatformReport(
        count.reportId(),
        count.articleId(),
        count.channel().name(),
        count.day().toEpochDay(),
        count.asOf().toEpochMilli(),
        count.views(),
        count.shares(),
        count.likes(),
        count.comments());
  }
}
