package org.chuanbo.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;
import org.junit.jupiter.api.Test;

class DecodeEventsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");
  private static final AvroSingleObjectCodec CODEC =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);

  private static OneInputStreamOperatorTestHarness<RawRecord, EnrichedEvent> harness()
      throws Exception {
    return new OneInputStreamOperatorTestHarness<>(
        new ProcessOperator<>(
            new DecodeEvents(
                new Pseudonymiser("a-test-key-of-sixteen-chars"),
                Clock.fixed(NOW, ZoneOffset.UTC))));
  }

  private static RawRecord raw(byte[] value) {
    return new RawRecord(
        "chuanbo.events", 0, 7, NOW.toEpochMilli(), "art".getBytes(StandardCharsets.UTF_8), value);
  }

  private static DisseminationEvent.Builder view() {
    return DisseminationEvent.builder()
        .eventId("e-1")
        .eventType(EventType.VIEW)
        .eventTime(NOW.minusSeconds(60))
        .articleId("art")
        .channel(Channel.WECHAT)
        .userId("wx-user-9")
        .durationMs(4_000L);
  }

  @Test
  void shouldDecodeAndPseudonymiseAValidEvent() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.processElement(
          new StreamRecord<>(raw(CODEC.encode(view().build().toGenericRecord(CODEC.schema())))));
      EnrichedEvent event = harness.extractOutputValues().get(0);
      assertThat(event.eventId()).isEqualTo("e-1");
      assertThat(event.channel()).isEqualTo("WECHAT");
      assertThat(event.userId()).hasSize(32).isNotEqualTo("wx-user-9");
      assertThat(event.reachKey()).startsWith("u:");
      assertThat(event.durationMs()).isEqualTo(4_000L);
      assertThat(event.kafkaTimestampMillis())
          .as("when it reached Kafka, not when it happened")
          .isEqualTo(NOW.toEpochMilli());
      assertThat(harness.getSideOutput(DecodeEvents.REJECTED)).isNull();
    }
  }

  @Test
  void shouldRejectGarbageAndInvalidEventsWithTheirReason() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.processElement(
          new StreamRecord<>(raw("this is not avro".getBytes(StandardCharsets.UTF_8))));
      harness.processElement(new StreamRecord<>(raw(new byte[] {(byte) 0xC3, 0x01, 1})));
      harness.processElement(
          new StreamRecord<>(
              raw(CODEC.encode(view().durationMs(-5L).build().toGenericRecord(CODEC.schema())))));
      assertThat(harness.extractOutputValues()).isEmpty();
      assertThat(harness.getSideOutput(DecodeEvents.REJECTED))
          .extracting(record -> ((RejectedRecord) record.getValue()).reason())
          .containsExactly("BAD_MARKER", "TOO_SHORT", "INVALID_VALUE");
      RejectedRecord first =
          (RejectedRecord) harness.getSideOutput(DecodeEvents.REJECTED).peek().getValue();
      assertThat(first.original().value())
          .isEqualTo("this is not avro".getBytes(StandardCharsets.UTF_8));
      assertThat(first.rejectedAtMillis()).isEqualTo(NOW.toEpochMilli());
    }
  }
}
