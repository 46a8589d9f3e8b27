package org.chuanbo.jobs.functions;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.IngestQualityCount;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.Topics;

/**
 * Counts what the ingest did not let through, for {@code chuanbo.ingest_quality_minute}: rejected
 * records (first input) by source topic and reason, and the repeats {@link DeduplicateEvents}
 * dropped (second input), each in the minute its Kafka record reached Kafka — a timestamp the
 * record carries, so a replay after a restart counts it in the same minute again.
 *
 * <p>Counts are summed in memory and emitted just before each checkpoint barrier (and at the end of
 * the input): one row per minute, topic, outcome and reason per checkpoint and subtask instead of
 * one per record. That stays exact without any state: what is emitted before a barrier belongs to
 * that checkpoint, which the ClickHouse sink commits once; what was summed after it is lost with a
 * failure and summed again from the records the sources replay.
 */
public final class CountRejectedAndDuplicates extends AbstractStreamOperator<IngestQualityCount>
    implements TwoInputStreamOperator<RejectedRecord, EnrichedEvent, IngestQualityCount> {

  /** The first millisecond of the last minute a {@code DateTime} column can hold (2106-02-07). */
  static final long LAST_MINUTE_MILLIS = (0xFFFF_FFFFL / 60 * 60) * 1000;

  private record Group(long minuteStartMillis, String topic, String outcome, String reason) {}

  private transient Map<Group, Long> counts;

  @Override
  public void open() throws Exception {
    super.open();
    counts = new LinkedHashMap<>();
  }

  @Override
  public void processElement1(StreamRecord<RejectedRecord> element) {
    RejectedRecord rejected = element.getValue();
    add(
        rejected.original().timestampMillis(),
        rejected.original().topic(),
        IngestQualityCount.REJECTED,
        rejected.reason());
  }

  @Override
  public void processElement2(StreamRecord<EnrichedEvent> element) {
    add(
        element.getValue().kafkaTimestampMillis(),
        Topics.EVENTS,
        IngestQualityCount.DUPLICATE,
        IngestQualityCount.DUPLICATE_EVENT_ID);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    emitCounts();
  }

  @Override
  public void finish() throws Exception {
    emitCounts();
    super.finish();
  }

  private void add(long kafkaTimestampMillis, String topic, String outcome, String reason) {
    counts.merge(new Group(minuteOf(kafkaTimestampMillis), topic, outcome, reason), 1L, Long::sum);
  }

  private void emitCounts() {
    for (Map.Entry<Group, Long> entry : counts.entrySet()) {
      Group group = entry.getKey();
      output.collect(
          new StreamRecord<>(
              new IngestQualityCount(
                  group.minuteStartMillis(),
                  group.topic(),
                  group.outcome(),
                  group.reason(),
                  entry.getValue())));
    }
    counts.clear();
  }

  /**
   * The minute's first millisecond (Shanghai minutes start on whole epoch minutes). A timestamp
   * outside what the column can hold — Kafka's -1 for "none", or a producer's clock gone far wrong
   * — goes to its first or last minute, rather than making the insert fail on every restart.
   */
  static long minuteOf(long kafkaTimestampMillis) {
    long minute = Math.floorDiv(kafkaTimestampMillis, 60_000L) * 60_000L;
    return Math.min(Math.max(minute, 0L), LAST_MINUTE_MILLIS);
  }
}
