package org.chuanbo.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.generic.GenericRecord;
import org.chuanbo.schemas.records.DisseminationEventBenchmark;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;
import org.chuanbo.schemas.wire.AvroSingleObjectCodecBenchmark;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every JMH benchmark of this module, set up and called once per parameter as JMH would, so that a
 * change that breaks one fails the build instead of the next benchmark run. No timing here: the
 * benchmarks run only with {@code -Dbench=schemas} (README, "Microbenchmarks (JMH)").
 */
class BenchmarksRunOnceTest {

  @ParameterizedTest
  @ValueSource(strings = {BenchmarkEvents.MINIMAL, BenchmarkEvents.FULL})
  void shouldDecodeAndScanTheEncodedEvent(String shape) throws Exception {
    AvroSingleObjectCodecBenchmark benchmark = new AvroSingleObjectCodecBenchmark();
    benchmark.shape = shape;
    benchmark.encode();

    GenericRecord decoded = benchmark.decode();
    assertThat(decoded.get("event_id")).isEqualTo(BenchmarkEvents.event(shape).eventId());
    assertThat(benchmark.scanBody()).isGreaterThan(AvroSingleObjectCodec.HEADER_SIZE);
  }

  @ParameterizedTest
  @ValueSource(strings = {BenchmarkEvents.MINIMAL, BenchmarkEvents.FULL})
  void shouldConvertAndValidateTheDecodedEvent(String shape) throws Exception {
    DisseminationEventBenchmark benchmark = new DisseminationEventBenchmark();
    benchmark.shape = shape;
    benchmark.decode();

    assertThat(benchmark.fromGenericRecord()).isEqualTo(BenchmarkEvents.event(shape));
    assertThat(benchmark.validate()).isEmpty();
  }
}
