package org.chuanbo.jobs.functions;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.GeneratedDay;
import org.chuanbo.jobs.JobSettings;
import org.chuanbo.jobs.records.EnrichedEvent;
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
 * {@link DeduplicateEvents} per event, on Flink's heap state backend: the key context set from the
 * event id (the job's key selector), then the function's look-up and, for a first sighting, the
 * write of its TTL'd flag.
 *
 * <p>Flink's {@link KeyedOneInputStreamOperatorTestHarness} opens the job's {@link
 * KeyedProcessOperator} (state backend, TTL, key context); each event then takes the operator's own
 * path — {@code setKeyContextElement1}, then the function — with a collector that only counts, so
 * that the harness's copying of every output is not measured. One invocation is a batch: {@link
 * GeneratedDay#RECORDS} events of a generated day in arrival order (its repeats included) into
 * fresh state, so that the state holds what that many events leave, not what an ever longer run
 * would. Production state holds a week of ids, far more than this: expect it to be slower there
 * (cache misses), and compare versions here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DeduplicateEventsBenchmark {

  private EnrichedEvent[] events;
  private final StreamRecord<EnrichedEvent> record = new StreamRecord<>(null);
  private final Counts counts = new Counts();
  private DeduplicateEvents deduplicate;
  private KeyedProcessOperator<String, EnrichedEvent, EnrichedEvent> operator;
  private KeyedOneInputStreamOperatorTestHarness<String, EnrichedEvent, EnrichedEvent> harness;
  private KeyedProcessFunction<String, EnrichedEvent, EnrichedEvent>.Context context;

  @Setup(Level.Trial)
  public void readEvents() throws Exception {
    events = GeneratedDay.get().events();
  }

  /** A new operator with empty state for every batch; not measured. */
  @Setup(Level.Invocation)
  public void openWithEmptyState() throws Exception {
    deduplicate = new DeduplicateEvents(JobSettings.defaults().deduplicationHorizon());
    operator = new KeyedProcessOperator<>(deduplicate);
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            operator, EnrichedEvent::eventId, Types.STRING);
    harness.open();
    counts.passed = 0;
    counts.repeats = 0;
    context =
        deduplicate.new Context() {
          @Override
          public Long timestamp() {
            return null;
          }

          @Override
          public TimerService timerService() {
            throw new UnsupportedOperationException("deduplication sets no timers");
          }

          @Override
          public <X> void output(OutputTag<X> tag, X value) {
            counts.repeats++;
          }

          @Override
          public String getCurrentKey() {
            return (String) operator.getCurrentKey();
          }
        };
  }

  @TearDown(Level.Invocation)
  public void close() throws Exception {
    harness.close();
  }

  /** Returns the counts of the batch: events passed and repeats dropped. */
  @Benchmark
  @OperationsPerInvocation(GeneratedDay.RECORDS)
  public Counts deduplicateBatch() throws Exception {
    for (EnrichedEvent event : events) {
      record.replace(event);
      operator.setKeyContextElement1(record);
      deduplicate.processElement(event, context, counts);
    }
    return counts;
  }

  /** What a batch let through and dropped. */
  public static final class Counts implements Collector<EnrichedEvent> {
    public long passed;
    public long repeats;

    @Override
    public void collect(EnrichedEvent event) {
      passed++;
    }

    @Override
    public void close() {}
  }
}
