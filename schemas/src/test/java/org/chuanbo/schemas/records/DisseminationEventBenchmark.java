package org.chuanbo.schemas.records;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.chuanbo.schemas.BenchmarkEvents;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.TestRecords;
import org.chuanbo.schemas.ValidationProblem;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What follows decoding, per event: the decoded Avro record into the typed {@link
 * DisseminationEvent} ({@link DisseminationEvent#fromGenericRecord}), then {@link
 * DisseminationEvent#validate} at the reader's clock, as the job's decode step does both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DisseminationEventBenchmark {

  @Param({BenchmarkEvents.MINIMAL, BenchmarkEvents.FULL})
  public String shape;

  private final Instant now = TestRecords.NOW;
  private GenericRecord decoded;
  private DisseminationEvent event;

  @Setup
  public void decode() throws RejectedRecordException {
    AvroSingleObjectCodec codec =
        AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);
    decoded =
        codec.decode(codec.encode(BenchmarkEvents.event(shape).toGenericRecord(codec.schema())));
    event = DisseminationEvent.fromGenericRecord(decoded);
  }

  @Benchmark
  public DisseminationEvent fromGenericRecord() {
    return DisseminationEvent.fromGenericRecord(decoded);
  }

  /** Empty for both shapes: they are valid, which is the common case the job sees. */
  @Benchmark
  public List<ValidationProblem> validate() {
    return event.validate(now);
  }
}
