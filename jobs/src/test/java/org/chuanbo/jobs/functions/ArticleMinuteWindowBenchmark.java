package org.chuanbo.jobs.functions;

import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.chuanbo.jobs.GeneratedDay;
import org.chuanbo.jobs.records.ArticleChannel;
import org.chuanbo.jobs.records.ArticleMinuteDelta;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.MinuteCounts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-article, channel and minute aggregate, per event, two ways: {@link CountingAggregator}'s
 * {@code add} alone (the arithmetic), and the whole window operator accumulating an event (key
 * context, window assignment, the accumulator read from and written back to heap state, the
 * trigger's timers), built as {@link ArticleMinuteWindowOperatorTest#harness()} builds it for the
 * tests — with the job's default early firing and lateness.
 *
 * <p>The events are a generated day's, deduplication not applied (one in about seventy is a repeat,
 * which costs the same here). The operator is measured in batches of {@link GeneratedDay#RECORDS}
 * events into fresh state, with processing time and watermark standing still: what an event costs
 * on arrival. Firing (once a second per open window, not per event) is not in it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ArticleMinuteWindowBenchmark {

  private EnrichedEvent[] events;
  private final CountingAggregator aggregator = new CountingAggregator();
  private final MinuteCounts counts = aggregator.createAccumulator();
  private int next;

  @Setup
  public void readEvents() throws Exception {
    events = GeneratedDay.get().events();
  }

  @Benchmark
  public MinuteCounts countingAggregatorAdd() {
    return aggregator.add(events[next++ & (GeneratedDay.RECORDS - 1)], counts);
  }

  /** Returns the harness, whose state the smoke test inspects; nothing has fired. */
  @Benchmark
  @OperationsPerInvocation(GeneratedDay.RECORDS)
  public KeyedOneInputStreamOperatorTestHarness<ArticleChannel, EnrichedEvent, ArticleMinuteDelta>
      windowOperatorAccumulate(WindowOperator window) throws Exception {
    for (EnrichedEvent event : events) {
      window.harness.processElement(event, event.eventTimeMillis());
    }
    return window.harness;
  }

  /** The window operator, new with empty state for every batch (not measured). */
  @State(Scope.Thread)
  public static class WindowOperator {
    KeyedOneInputStreamOperatorTestHarness<ArticleChannel, EnrichedEvent, ArticleMinuteDelta>
        harness;

    @Setup(Level.Invocation)
    public void openWithEmptyState() throws Exception {
      harness = ArticleMinuteWindowOperatorTest.harness();
      harness.open();
      harness.setProcessingTime(0);
    }

    @TearDown(Level.Invocation)
    public void close() throws Exception {
      harness.close();
    }
  }
}
