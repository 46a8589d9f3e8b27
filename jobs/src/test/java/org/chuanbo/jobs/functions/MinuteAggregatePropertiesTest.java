package org.chuanbo.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.chuanbo.jobs.records.ArticleMinuteDelta;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.MinuteCounts;
import org.chuanbo.schemas.records.DisseminationEvent;

/**
 * The per-minute counts never go negative and never overflow. What the code does: plain {@code
 * long} sums, which cannot wrap because validation bounds every input — each event adds 1 to one
 * count and at most {@link DisseminationEvent#MAX_DURATION} to the engaged-time sum, so a window
 * would need over 10^11 events to pass 2^63 ({@link #headroomIsFarBeyondAnyRealMinute}). The
 * properties check the sums against exact BigInteger arithmetic, and that the deltas the window
 * emits (early, on time, late, and late corrections) are each non-negative and add up to it.
 */
class MinuteAggregatePropertiesTest {

  private static final long MINUTE = 60_000;
  private static final long MAX_DURATION = DisseminationEvent.MAX_DURATION.toMillis();

  /** An event validation accepts, reduced to what the aggregate reads. */
  @Provide
  Arbitrary<EnrichedEvent> events() {
    Arbitrary<Long> durations =
        Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(0L, MAX_DURATION)),
                Tuple.of(3, Arbitraries.longs().between(0, MAX_DURATION)))
            .injectNull(0.3);
    return Combinators.combine(
            Arbitraries.of("VIEW", "VIEW", "VIEW", "SHARE", "REPOST", "LIKE", "COMMENT"),
            Arbitraries.longs().between(0, 4 * MINUTE - 1),
            Arbitraries.of("WECHAT", "TV"),
            durations)
        .as(
            (type, offset, channel, duration) ->
                TestEvents.event(
                    "e", type, TestEvents.BEGINNING + offset, "art", channel, duration));
  }

  @Provide
  Arbitrary<List<EnrichedEvent>> manyEvents() {
    return events().list().ofMaxSize(60);
  }

  /** Adding in any split and merging in any order gives the exact sums. */
  @Property(tries = 500)
  void sumsAreExactWhateverTheSplitAndMergeOrder(
      @ForAll("manyEvents") List<EnrichedEvent> events,
      @ForAll("splits") List<Integer> accumulatorOf) {
    CountingAggregator aggregator = new CountingAggregator();
    List<MinuteCounts> parts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      parts.add(aggregator.createAccumulator());
    }
    for (int i = 0; i < events.size(); i++) {
      int part = accumulatorOf.isEmpty() ? 0 : accumulatorOf.get(i % accumulatorOf.size());
      parts.set(part, aggregator.add(events.get(i), parts.get(part)));
    }
    MinuteCounts merged =
        aggregator.merge(
            aggregator.merge(parts.get(3), parts.get(1)),
            aggregator.merge(parts.get(0), parts.get(2)));

    assertThat(fields(aggregator.getResult(merged))).isEqualTo(exact(events));
  }

  @Provide
  Arbitrary<List<Integer>> splits() {
    return Arbitraries.integers().between(0, 3).list().ofMaxSize(60);
  }

  /** What the window does between event, processing time and watermark, in any order. */
  sealed interface Step {
    record Event(EnrichedEvent event) implements Step {}

    record Tick(long millis) implements Step {}

    record WatermarkTo(long minutes) implements Step {}
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    return Arbitraries.<Step>frequencyOf(
            Tuple.of(6, events().map(Step.Event::new)),
            Tuple.of(2, Arbitraries.longs().between(1, 3_000).map(Step.Tick::new)),
            // up to past the allowed lateness, so some events arrive too late for their window
            Tuple.of(1, Arbitraries.longs().between(0, 70).map(Step.WatermarkTo::new)))
        .list()
        .ofMaxSize(60);
  }

  /**
   * Every delta the window emits is non-negative in every count, and the deltas plus the late
   * corrections add up, per article, channel and minute, to exactly the events that went in.
   */
  @Property(tries = 200)
  void deltasAreNeverNegativeAndAddUpToTheEvents(@ForAll("steps") List<Step> steps)
      throws Exception {
    List<EnrichedEvent> sent = new ArrayList<>();
    List<ArticleMinuteDelta> rows = new ArrayList<>();
    try (var harness = ArticleMinuteWindowOperatorTest.harness()) {
      harness.open();
      harness.setProcessingTime(0);
      long watermark = Long.MIN_VALUE;
      for (Step step : steps) {
        if (step instanceof Step.Event e) {
          sent.add(e.event());
          harness.processElement(new StreamRecord<>(e.event(), e.event().eventTimeMillis()));
        } else if (step instanceof Step.Tick t) {
          harness.setProcessingTime(harness.getProcessingTime() + t.millis());
        } else if (step instanceof Step.WatermarkTo w) {
          watermark = Math.max(watermark, TestEvents.BEGINNING + w.minutes() * MINUTE);
          harness.processWatermark(new Watermark(watermark));
        }
      }
      harness.setProcessingTime(harness.getProcessingTime() + 10_000);
      harness.processWatermark(new Watermark(Long.MAX_VALUE));
      rows.addAll(harness.extractOutputValues());
      var late = harness.getSideOutput(ArticleMinuteWindowOperatorTest.TOO_LATE);
      if (late != null) {
        for (StreamRecord<EnrichedEvent> event : late) {
          rows.add(new LateEventCorrection().map(event.getValue()));
        }
      }
    }

    Map<String, List<BigInteger>> summed = new TreeMap<>();
    for (ArticleMinuteDelta row : rows) {
      for (BigInteger value : fields(row.counts())) {
        assertThat(value).as("a field of an emitted delta").isNotNegative();
      }
      summed.merge(
          key(row.channel(), row.minuteStartMillis()),
          fields(row.counts()),
          MinuteAggregatePropertiesTest::plus);
    }
    Map<String, List<EnrichedEvent>> byMinute = new TreeMap<>();
    for (EnrichedEvent event : sent) {
      byMinute
          .computeIfAbsent(
              key(event.channel(), Math.floorDiv(event.eventTimeMillis(), MINUTE) * MINUTE),
              k -> new ArrayList<>())
          .add(event);
    }
    Map<String, List<BigInteger>> expected = new TreeMap<>();
    byMinute.forEach(
        (key, events) -> {
          List<BigInteger> exact = exact(events);
          if (exact.stream().anyMatch(v -> v.signum() != 0)) {
            expected.put(key, exact);
          }
        });
    summed.values().removeIf(v -> v.stream().allMatch(x -> x.signum() == 0));
    assertThat(summed).isEqualTo(expected);
  }

  /**
   * At 1,000 times the province's peak (50,000 events/s, DOMAIN.md), all in one article, channel
   * and minute and each with the longest duration allowed, the engaged-time sum still fits a long.
   */
  @Example
  void headroomIsFarBeyondAnyRealMinute() {
    long eventsInOneMinute = 1_000L * 50_000 * 60;
    assertThat(Math.multiplyHigh(eventsInOneMinute, MAX_DURATION)).isZero();
    assertThat(eventsInOneMinute * MAX_DURATION).isPositive();
  }

  private static String key(String channel, long minute) {
    return channel + "|" + minute;
  }

  private static List<BigInteger> fields(MinuteCounts c) {
    return List.of(
        BigInteger.valueOf(c.views),
        BigInteger.valueOf(c.shares),
        BigInteger.valueOf(c.reposts),
        BigInteger.valueOf(c.likes),
        BigInteger.valueOf(c.comments),
        BigInteger.valueOf(c.engagedMsSum),
        BigInteger.valueOf(c.engagedCount));
  }

  /** The counts of DOMAIN.md's metrics, recomputed in arbitrary precision. */
  private static List<BigInteger> exact(List<EnrichedEvent> events) {
    BigInteger[] sums = new BigInteger[7];
    Arrays.fill(sums, BigInteger.ZERO);
    for (EnrichedEvent e : events) {
      int index =
          switch (e.eventType()) {
            case "VIEW" -> 0;
            case "SHARE" -> 1;
            case "REPOST" -> 2;
            case "LIKE" -> 3;
            default -> 4;
          };
      sums[index] = sums[index].add(BigInteger.ONE);
      if (index == 0 && e.durationMs() != null) {
        sums[5] = sums[5].add(BigInteger.valueOf(e.durationMs()));
        sums[6] = sums[6].add(BigInteger.ONE);
      }
    }
    return List.of(sums);
  }

  private static List<BigInteger> plus(List<BigInteger> a, List<BigInteger> b) {
    List<BigInteger> sum = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      sum.add(a.get(i).add(b.get(i)));
    }
    return sum;
  }
}
