package org.chuanbo.jobs.records;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.chuanbo.jobs.GeneratedDay;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One event written and read back, as each of the job's four shuffles of events does: {@link
 * EnrichedEventSerializer} against Flink's POJO serializer of the same record ({@link
 * EventsAsPojo}), which the job used before, over the events of a generated day in arrival order.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EnrichedEventSerializerBenchmark {

  private final TypeSerializer<EnrichedEvent> own = EnrichedEventSerializer.INSTANCE;
  private final TypeSerializer<EnrichedEvent> pojo =
      EventsAsPojo.typeInfo().createSerializer(new SerializerConfigImpl());
  private final DataOutputSerializer out = new DataOutputSerializer(1024);
  private final DataInputDeserializer in = new DataInputDeserializer();
  private EnrichedEvent[] events;
  private int next;

  @Setup
  public void readEvents() throws Exception {
    events = GeneratedDay.get().events();
  }

  @Benchmark
  public EnrichedEvent ownRoundTrip() throws IOException {
    return roundTrip(own);
  }

  @Benchmark
  public EnrichedEvent pojoRoundTrip() throws IOException {
    return roundTrip(pojo);
  }

  private EnrichedEvent roundTrip(TypeSerializer<EnrichedEvent> serializer) throws IOException {
    out.clear();
    serializer.serialize(events[next++ & (GeneratedDay.RECORDS - 1)], out);
    in.setBuffer(out.getSharedBuffer(), 0, out.length());
    return serializer.deserialize(in);
  }
}
