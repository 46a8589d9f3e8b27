package org.chuanbo.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.jobs.functions.TestEvents.BEGINNING;
import static org.chuanbo.jobs.functions.TestEvents.view;

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
    }
  }
}
