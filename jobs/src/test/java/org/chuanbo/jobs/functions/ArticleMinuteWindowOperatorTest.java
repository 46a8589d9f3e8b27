package org.chuanbo.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.jobs.functions.TestEvents.BEGINNING;
import static org.chuanbo.jobs.functions.TestEvents.view;

import java.time.Duration;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.records.ArticleChannel;
import org.chuanbo.jobs.records.ArticleMinuteDelta;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.MinuteCounts;
import org.junit.jupiter.api.Test;

/**
 * The per-minute window operator as the job configures it, driven by hand: time, watermarks, state.
 */
class ArticleMinuteWindowOperatorTest {

  static final OutputTag<EnrichedEvent> TOO_LATE = new OutputTag<>("too-late") {};
  static final Duration LATENESS = Duration.ofHours(1);
  private static final long WINDOW_END = BEGINNING + 60_000;

  /**
   * The window operator with the job's trigger, lateness and functions (shared with properties).
   */
  static KeyedOneInputStreamOperatorTestHarness<ArticleChannel, EnrichedEvent, ArticleMinuteDelta>
      harness() throws Exception {
    WindowOperatorBuilder<EnrichedEvent, ArticleChannel, TimeWindow> builder =
        new WindowOperatorBuilder<>(
            TumblingEventTimeWindows.of(Duration.ofMinutes(1)),
            new EarlyFiringTrigger(Duration.ofSeconds(1)),
            new ExecutionConfig(),
            TypeInformation.of(EnrichedEvent.class),
            new ArticleChannelKey(),
            TypeInformation.of(ArticleChannel.class));
    builder.allowedLateness(LATENESS);
    builder.sideOutputLateData(TOO_LATE);
    OneInputStreamOperator<EnrichedEvent, ArticleMinuteDelta> operator =
        builder.aggregate(
            new CountingAggregator(),
            new DeltaSinceLastFiring(),
            TypeInformation.of(MinuteCounts.class));
    return new KeyedOneInputStreamOperatorTestHarness<>(
        operator, new ArticleChannelKey(), TypeInformation.of(ArticleChannel.class));
  }

  private static StreamRecord<EnrichedEvent> at(EnrichedEvent event) {
    return new StreamRecord<>(event, event.eventTimeMillis());
  }

  @Test
  void shouldEmitWithinASecondWithoutAnyWatermarkProgress() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.setProcessingTime(0);
      harness.processElement(at(view("1", BEGINNING + 1_000, "art")));
      assertThat(harness.extractOutputValues()).isEmpty();
      harness.setProcessingTime(
          1_000); // a quiet night: no later event, the watermark does not move
      assertThat(harness.extractOutputValues())
          .singleElement()
          .satisfies(
              delta -> {
                assertThat(delta.articleId()).isEqualTo("art");
                assertThat(delta.channel()).isEqualTo("WECHAT");
                assertThat(delta.minuteStartMillis()).isEqualTo(BEGINNING);
                assertThat(delta.counts().views).isEqualTo(1);
              });
    }
  }

  @Test
  void shouldEmitDeltasThenCorrectLateEventsThenForgetTheWindow() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.setProcessingTime(0);
      harness.processElement(at(view("1", BEGINNING + 1_000, "art")));
      harness.setProcessingTime(1_000);
      harness.processElement(at(view("2", BEGINNING + 2_000, "art")));
      harness.setProcessingTime(2_000);
      harness.processWatermark(
          new Watermark(WINDOW_END + 10_000)); // window closes: nothing new to emit
      harness.processElement(at(view("3", BEGINNING + 3_000, "art"))); // late, within the lateness
      assertThat(harness.extractOutputValues())
          .extracting(delta -> delta.counts().views)
          .containsExactly(1L, 1L, 1L);

      harness.processWatermark(new Watermark(WINDOW_END + LATENESS.toMillis() + 1));
      assertThat(harness.numKeyedStateEntries()).as("window state after the lateness").isZero();
      assertThat(harness.numEventTimeTimers()).isZero();
      assertThat(harness.numProcessingTimeTimers()).isZero();

      harness.processElement(at(view("4", BEGINNING + 4_000, "art"))); // too late for the window
      assertThat(harness.getSideOutput(TOO_LATE))
          .extracting(record -> ((EnrichedEvent) record.getValue()).eventId())
          .containsExactly("4");
    }
  }
}
