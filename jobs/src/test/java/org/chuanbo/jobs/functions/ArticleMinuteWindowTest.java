package org.chuanbo.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.jobs.functions.TestEvents.BEGINNING;
import static org.chuanbo.jobs.functions.TestEvents.ONE_MINUTE_LATER;
import static org.chuanbo.jobs.functions.TestEvents.TWO_HOURS_LATER;
import static org.chuanbo.jobs.functions.TestEvents.event;
import static org.chuanbo.jobs.functions.TestEvents.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.records.ArticleMinuteDelta;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.junit.jupiter.api.Test;

/**
 * The per-minute window as the job wires it: in-order, out-of-order, late-within-lateness and
 * too-late events all end up counted exactly once in the summed deltas.
 */
class ArticleMinuteWindowTest {

  private static final OutputTag<EnrichedEvent> TOO_LATE = new OutputTag<>("too-late") {};

  @Test
  void shouldCountEveryEventOnceWhateverItsLateness() throws Exception {
    List<EnrichedEvent> events =
        List.of(
            view("1", BEGINNING + 1_000, "art"),
            view("2", BEGINNING + 59_000, "art"),
            event("3", "SHARE", BEGINNING + 30_000, "art", "WECHAT", null),
            event("4", "VIEW", ONE_MINUTE_LATER + 5_000, "art", "TV", 120_000L),
            view("5", BEGINNING + 10_000, "art"), // out of order, within the bound
            view("6", TWO_HOURS_LATER, "art"), // moves the watermark far ahead
            view("7", BEGINNING + 20_000, "art"), // two hours late: beyond allowed lateness
            event(
                "8",
                "LIKE",
                TWO_HOURS_LATER - 1_800_000,
                "art",
                "APP",
                null)); // late, within lateness

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    SingleOutputStreamOperator<ArticleMinuteDelta> minutes =
        env.fromData(events)
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<EnrichedEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                    .withTimestampAssigner((e, t) -> e.eventTimeMillis()))
            .setParallelism(1)
            .keyBy(new ArticleChannelKey())
            .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
            .trigger(new EarlyFiringTrigger(Duration.ofMillis(100)))
            .allowedLateness(Duration.ofHours(1))
            .sideOutputLateData(TOO_LATE)
            .aggregate(new CountingAggregator(), new DeltaSinceLastFiring());
    List<ArticleMinuteDelta> deltas = new ArrayList<>();
    try (CloseableIterator<ArticleMinuteDelta> out =
        minutes
            .union(minutes.getSideOutput(TOO_LATE).map(new LateEventCorrection()))
            .executeAndCollect()) {
      out.forEachRemaining(deltas::add);
    }

    Map<String, Long> views = new TreeMap<>();
    Map<String, Long> others = new TreeMap<>();
    for (ArticleMinuteDelta delta : deltas) {
      String key = delta.channel() + "@" + (delta.minuteStartMillis() - BEGINNING) / 60_000;
      views.merge(key, delta.counts().views, Long::sum);
      others.merge(
          key,
          delta.counts().shares + delta.counts().likes + delta.counts().engagedMsSum,
          Long::sum);
    }
    assertThat(views)
        .containsEntry("WECHAT@0", 4L)
        .containsEntry("TV@1", 1L)
        .containsEntry("WECHAT@120", 1L);
    assertThat(others)
        .containsEntry("WECHAT@0", 1L)
        .containsEntry("TV@1", 120_000L)
        .containsEntry("APP@90", 1L);
    assertThat(deltas).allSatisfy(delta -> assertThat(delta.counts().isZero()).isFalse());
  }
}
