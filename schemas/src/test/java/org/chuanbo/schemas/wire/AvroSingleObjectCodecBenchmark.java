package org.chuanbo.schemas.wire;

import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.chuanbo.schemas.BenchmarkEvents;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.DisseminationEvent;
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
 * Decoding one {@code chuanbo.events} message, per event: the whole of {@link
 * AvroSingleObjectCodec#decode} (header, fingerprint lookup, body scan, Avro's resolving read), and
 * the body scan alone, which decode runs before Avro reads (so the difference is Avro's read).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AvroSingleObjectCodecBenchmark {

  @Param({BenchmarkEvents.MINIMAL, BenchmarkEvents.FULL})
  public String shape;

  private AvroSingleObjectCodec codec;
  private Schema writerSchema;
  private byte[] message;

  @Setup
  public void encode() {
    codec = AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);
    writerSchema = codec.schema();
    message = codec.encode(BenchmarkEvents.event(shape).toGenericRecord(codec.schema()));
  }

  @Benchmark
  public GenericRecord decode() throws RejectedRecordException {
    return codec.decode(message);
  }

  /** Returns the message length: the scan builds nothing, and accepting the bytes is its result. */
  @Benchmark
  public int scanBody() throws RejectedRecordException {
    BinaryBodyScanner.scan(writerSchema, message, AvroSingleObjectCodec.HEADER_SIZE);
    return message.length;
  }
}
