package org.chuanbo.jobs.functions;

import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.GeneratedDay;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.RawRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The job's first step, per Kafka record of {@code chuanbo.events}: {@link DecodeEvents} decodes
 * (any writer version), validates, pseudonymises the user and person ids and builds the {@link
 * EnrichedEvent}, or sends the record to the rejected side output with its reason.
 *
 * <p>The records are a generated day in arrival order, its malformed ones included (a few per
 * thousand, each costing an exception). Flink's operator harness opens the function as the job's
 * {@link ProcessOperator} does (codec, metric group); each record then goes straight to {@code
 * processElement}, with a collector that keeps only the output, so that the harness's copying of
 * every output is not measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeEventsBenchmark {

  private RawRecord[] records;
  private DecodeEvents decode;
  private OneInputStreamOperatorTestHarness<RawRecord, EnrichedEvent> harness;
  private ProcessFunction<RawRecord, EnrichedEvent>.Context context;
  private final LastOutput output = new LastOutput();
  private int next;

  @Setup
  public void open() throws Exception {
    records = GeneratedDay.get().records();
    decode = new DecodeEvents(new Pseudonymiser(GeneratedDay.PSEUDONYM_KEY), GeneratedDay.CLOCK);
    harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(decode));
    harness.open();
    context =
        decode.new Context() {
          @Override
          public Long timestamp() {
            return null; // Kafka records enter without event time; watermarks come after the join
          }

          @Override
          public TimerService timerService() {
            throw new UnsupportedOperationException("decoding sets no timers");
          }

          @Override
          public <X> void output(OutputTag<X> tag, X value) {
            output.last = value;
          }
        };
  }

  @TearDown
  public void close() throws Exception {
    harness.close();
  }

  /** The {@link EnrichedEvent} made of the next record, or its {@code RejectedRecord}. */
  @Benchmark
  public Object decodeValidatePseudonymise() {
    decode.processElement(records[next++ & (GeneratedDay.RECORDS - 1)], context, output);
    return output.last;
  }

  /** Keeps the last output, main or side, for the benchmark to return. */
  private static final class LastOutput implements Collector<EnrichedEvent> {
    Object last;

    @Override
    public void collect(EnrichedEvent event) {
      last = event;
    }

    @Override
    public void close() {}
  }
}
