package org.chuanbo.jobs.functions;

import java.time.Clock;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * What every decoding step shares: the codec for one record type, and the rule that a record that
 * cannot be used goes to a side output with its reason — nothing is dropped, nothing throws.
 */
abstract class DecodeRecords<T> extends ProcessFunction<RawRecord, T> {

  private final Clock clock;
  private final String recordName;
  private final String rejectedMetric;
  private final OutputTag<RejectedRecord> rejectedTag;
  private transient AvroSingleObjectCodec codec;
  private transient Counter rejected;

  DecodeRecords(
      Clock clock,
      String recordName,
      String rejectedMetric,
      OutputTag<RejectedRecord> rejectedTag) {
    this.clock = clock;
    this.recordName = recordName;
    this.rejectedMetric = rejectedMetric;
    this.rejectedTag = rejectedTag;
  }

  /**
   * Turns the decoded Avro record into the job's type, or rejects it. {@code raw} is the Kafka
   * record it came in, for what the job keeps of the delivery (its timestamp).
   */
  abstract T convert(org.apache.avro.generic.GenericRecord record, RawRecord raw, Instant now)
      throws RejectedRecordException;

  @Override
  public void open(OpenContext context) {
    codec = AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), recordName);
    rejected = getRuntimeContext().getMetricGroup().counter(rejectedMetric);
  }

  @Override
  public void processElement(RawRecord raw, Context context, Collector<T> out) {
    try {
      out.collect(convert(codec.decode(raw.value()), raw, clock.instant()));
    } catch (RejectedRecordException e) {
      reject(raw, e.reason().name(), e.detail(), context);
    } catch (RuntimeException e) {
      // A value the codec accepted but the record cannot hold: still a reject, never a crash.
      reject(raw, "INVALID_VALUE", String.valueOf(e.getMessage()), context);
    }
  }

  private void reject(RawRecord raw, String reason, String detail, Context context) {
    rejected.inc();
    context.output(rejectedTag, new RejectedRecord(raw, reason, detail, clock.millis()));
  }
}
