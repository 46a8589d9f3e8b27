package org.chuanbo.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chuanbo.jobs.functions.TestEvents.BEGINNING;
import static org.chuanbo.jobs.functions.TestEvents.ONE_MINUTE_LATER;
import static org.chuanbo.jobs.functions.TestEvents.TWO_HOURS_LATER;
import static org.chuanbo.jobs.functions.TestEvents.view;
import static org.chuanbo.jobs.functions.TestEvents.viewArrivingAt;

import java.time.Duration;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.junit.jupiter.api.Test;

class DeduplicateEventsTest {

  @Test
  void shouldPassTheFirstOfEachEventIdOnly() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeduplicateEvents(Duration.ofDays(7))),
            EnrichedEvent::eventId,
            org.apache.flink.api.common.typeinfo.Types.STRING)) {
      harness.open();
      harness.processElement(new StreamRecord<>(view("a", BEGINNING, "art-1")));
      harness.processElement(new StreamRecord<>(view("b", BEGINNING, "art-1")));
      harness.processElement(new StreamRecord<>(view("a", BEGINNING + 5, "art-1")));
      assertThat(harness.extractOutputValues())
          .extracting(EnrichedEvent::eventId)
          .containsExactly("a", "b");
      assertThat(harness.getSideOutput(DeduplicateEvents.DUPLICATES))
          .extracting(StreamRecord::getValue)
          .extracting(EnrichedEvent::eventId)
          .containsExactly("a");
      assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    }
  }

  @Test
  void shouldForgetIdsAfterTheHorizon() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeduplicateEvents(Duration.ofMinutes(10))),
            EnrichedEvent::eventId,
            org.apache.flink.api.common.typeinfo.Types.STRING)) {
      harness.open();
      harness.setStateTtlProcessingTime(0);
      harness.processElement(new StreamRecord<>(view("a", BEGINNING, "art-1")));
      harness.setStateTtlProcessingTime(Duration.ofMinutes(11).toMillis());
      harness.processElement(new StreamRecord<>(view("a", BEGINNING, "art-1")));
      assertThat(harness.extractOutputValues()).hasSize(2);
      assertThat(harness.getSideOutput(DeduplicateEvents.DUPLICATES))
          .as("an id past the horizon is new again, not a duplicate")
          .isNull();
    }
  }

  @Test
  void shouldSendEachDroppedRepeatToTheDuplicatesOutputAsItArrived() throws Exception {
    long firstDelivery = BEGINNING + 1_000;
    long retry = ONE_MINUTE_LATER + 30_000;
    long secondRetry = TWO_HOURS_LATER;
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeduplicateEvents(Duration.ofDays(7))),
            EnrichedEvent::eventId,
            org.apache.flink.api.common.typeinfo.Types.STRING)) {
      harness.open();
      harness.processElement(
          new StreamRecord<>(viewArrivingAt("a", BEGINNING, "art-1", firstDelivery)));
      harness.processElement(new StreamRecord<>(viewArrivingAt("b", BEGINNING, "art-1", retry)));
      harness.processElement(new StreamRecord<>(viewArrivingAt("a", BEGINNING, "art-1", retry)));
      harness.processElement(
          new StreamRecord<>(viewArrivingAt("a", BEGINNING, "art-1", secondRetry)));

      assertThat(harness.extractOutputValues())
          .extracting(EnrichedEvent::eventId, EnrichedEvent::kafkaTimestampMillis)
          .containsExactly(tuple("a", firstDelivery), tuple("b", retry));
      assertThat(harness.getSideOutput(DeduplicateEvents.DUPLICATES))
          .extracting(StreamRecord::getValue)
          .extracting(EnrichedEvent::eventId, EnrichedEvent::kafkaTimestampMillis)
          .containsExactly(tuple("a", retry), tuple("a", secondRetry));
      assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    }
  }
}
