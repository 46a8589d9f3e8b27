package org.chuanbo.jobs.clickhouse;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link InsertBatchSerializer#serialize}: what every checkpoint writes for each batch not yet
 * committed, here a batch of {@link ClickHouseSinkWriterBenchmark#ROWS} {@code chuanbo.events} rows
 * made by the sink writer from a generated day; reported per row. (Deserialising happens only on
 * restore.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InsertBatchSerializerBenchmark {

  private final InsertBatchSerializer serializer = new InsertBatchSerializer();
  private InsertBatch batch;

  @Setup
  public void writeBatch() throws Exception {
    batch = ClickHouseSinkWriterBenchmark.eventsBatch();
  }

  @Benchmark
  @OperationsPerInvocation(ClickHouseSinkWriterBenchmark.ROWS)
  public byte[] serialize() throws IOException {
    return serializer.serialize(batch);
  }
}
