package org.chuanbo.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.jobs.functions.TestEvents.BEGINNING;
import static org.chuanbo.jobs.functions.TestEvents.ONE_MINUTE_LATER;
import static org.chuanbo.jobs.functions.TestEvents.TWO_HOURS_LATER;
import static org.chuanbo.jobs.functions.TestEvents.viewArrivingAt;

import java.nio.charset.StandardCharsets;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.IngestQualityCount;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.junit.jupiter.api.Test;

class CountRejectedAndDuplicatesTest {

  /** Long after every record reached Kafka: the minute must not come from here. */
  private static final long REJECTED_AT = TWO_HOURS_LATER + 3_600_000;

  private static TwoInputStreamOperatorTestHarness<
          RejectedRecord, EnrichedEvent, IngestQualityCount>
      harness() throws Exception {
    return new TwoInputStreamOperatorTestHarness<>(new CountRejectedAndDuplicates());
  }

  private static StreamRecord<RejectedRecord> rejected(
      String topic, long kafkaTimestamp, String reason) {
    RawRecord raw =
        new RawRecord(
            topic,
            0,
            7,
            kafkaTimestamp,
            "art-1".getBytes(StandardCharsets.UTF_8),
            "not avro".getBytes(StandardCharsets.UTF_8));
    return new StreamRecord<>(new RejectedRecord(raw, reason, "why", REJECTED_AT));
  }

  private static StreamRecord<EnrichedEvent> duplicate(long kafkaTimestamp) {
    // Happened long before it was delivered again: the minute is the delivery's.
    return new StreamRecord<>(
        viewArrivingAt("e-1", BEGINNING - 86_400_000, "art-1", kafkaTimestamp));
  }

  @Test
  void shouldSumPerMinuteOfArrivalTopicOutcomeAndReasonAndEmitAtTheCheckpoint() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.processElement1(rejected("chuanbo.events", BEGINNING + 5_000, "BAD_MARKER"));
      harness.processElement1(rejected("chuanbo.events", BEGINNING + 59_999, "BAD_MARKER"));
      harness.processElement1(rejected("chuanbo.events", ONE_MINUTE_LATER, "BAD_MARKER"));
      harness.processElement1(rejected("chuanbo.events", BEGINNING + 10_000, "MISSING_VALUE"));
      harness.processElement1(rejected("chuanbo.articles", BEGINNING + 10_000, "MISSING_VALUE"));
      harness.processElement2(duplicate(BEGINNING + 1));
      harness.processElement2(duplicate(BEGINNING + 2));
      harness.processElement2(duplicate(TWO_HOURS_LATER + 59_000));

      assertThat(harness.extractOutputValues()).as("nothing before the checkpoint").isEmpty();
      harness.prepareSnapshotPreBarrier(1);
      assertThat(harness.extractOutputValues())
          .containsExactlyInAnyOrder(
              new IngestQualityCount(BEGINNING, "chuanbo.events", "rejected", "BAD_MARKER", 2),
              new IngestQualityCount(
                  ONE_MINUTE_LATER, "chuanbo.events", "rejected", "BAD_MARKER", 1),
              new IngestQualityCount(BEGINNING, "chuanbo.events", "rejected", "MISSING_VALUE", 1),
              new IngestQualityCount(BEGINNING, "chuanbo.articles", "rejected", "MISSING_VALUE", 1),
              new IngestQualityCount(
                  BEGINNING, "chuanbo.events", "duplicate", "duplicate_event_id", 2),
              new IngestQualityCount(
                  TWO_HOURS_LATER, "chuanbo.events", "duplicate", "duplicate_event_id", 1));

      OperatorSubtaskState snapshot = harness.snapshot(1, 1);
      assertThat(snapshot.getManagedOperatorState()).as("no state to restore").isEmpty();
      assertThat(snapshot.getRawOperatorState()).isEmpty();
    }
  }

  @Test
  void shouldCountEachRecordInOneCheckpointOnly() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.processElement1(rejected("chuanbo.events", BEGINNING, "TOO_SHORT"));
      harness.prepareSnapshotPreBarrier(1);
      harness.processElement2(duplicate(BEGINNING));
      harness.prepareSnapshotPreBarrier(2);
      harness.prepareSnapshotPreBarrier(3);

      assertThat(harness.extractOutputValues())
          .containsExactly(
              new IngestQualityCount(BEGINNING, "chuanbo.events", "rejected", "TOO_SHORT", 1),
              new IngestQualityCount(
                  BEGINNING, "chuanbo.events", "duplicate", "duplicate_event_id", 1));
    }
  }

  @Test
  void shouldEmitWhatIsLeftAtTheEndOfTheInput() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.processElement1(rejected("chuanbo.platform_counts", BEGINNING, "UNKNOWN_SCHEMA"));
      harness.getOperator().finish();

      assertThat(harness.extractOutputValues())
          .containsExactly(
              new IngestQualityCount(
                  BEGINNING, "chuanbo.platform_counts", "rejected", "UNKNOWN_SCHEMA", 1));
    }
  }

  @Test
  void shouldPutTimestampsTheColumnCannotHoldInItsFirstOrLastMinute() {
    assertThat(CountRejectedAndDuplicates.minuteOf(BEGINNING + 59_999)).isEqualTo(BEGINNING);
    assertThat(CountRejectedAndDuplicates.minuteOf(-1)).as("Kafka's 'no timestamp'").isZero();
    assertThat(CountRejectedAndDuplicates.minuteOf(Long.MAX_VALUE))
        .isEqualTo(CountRejectedAndDuplicates.LAST_MINUTE_MILLIS)
        .isEqualTo(java.time.Instant.parse("2106-02-07T06:28:00Z").toEpochMilli());
  }
}
