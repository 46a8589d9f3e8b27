package org.chuanbo.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.jobs.AcceptedRecords.CLOCK;
import static org.chuanbo.jobs.AcceptedRecords.NOW;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.AcceptedRecords;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.ValidationProblem;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * The job's decoding operators over any bytes — noise, accepted records, and accepted records cut,
 * bit-flipped or with a byte inserted — on any of the three topics: each record leaves exactly
 * once, through the main output or the dead-letter side output, nothing throws, and the outcome is
 * exactly what the schemas layer says (decode, then validate: the first problem's reason). So the
 * operators' last-resort catch of RuntimeException never fires for data; if it did, a bug would be
 * hiding as a dead letter.
 */
class DecodeRecordsPropertiesTest {

  private Decoder events;
  private Decoder articles;
  private Decoder platformCounts;

  @BeforeProperty
  void openOperators() throws Exception {
    events =
        new Decoder(
            new DecodeEvents(new Pseudonymiser("decode-property-key-0123"), CLOCK),
            DecodeEvents.REJECTED,
            AcceptedRecords.EVENTS);
    articles =
        new Decoder(new DecodeArticles(CLOCK), DecodeArticles.REJECTED, AcceptedRecords.ARTICLES);
    platformCounts =
        new Decoder(
            new DecodePlatformCounts(CLOCK),
            DecodePlatformCounts.REJECTED,
            AcceptedRecords.PLATFORM_COUNTS);
  }

  @AfterProperty
  void closeOperators() throws Exception {
    events.harness.close();
    articles.harness.close();
    platformCounts.harness.close();
  }

  @Provide
  Arbitrary<byte[]> values() {
    Arbitrary<byte[]> valid =
        Arbitraries.oneOf(
            AcceptedRecords.events().map(AcceptedRecords::encode),
            AcceptedRecords.articles().map(AcceptedRecords::encode),
            AcceptedRecords.platformCounts().map(AcceptedRecords::encode));
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(100);
    Arbitrary<byte[]> cut =
        Combinators.combine(valid, Arbitraries.doubles().between(0, 1))
            .as((bytes, at) -> Arrays.copyOf(bytes, (int) (bytes.length * at)));
    Arbitrary<byte[]> flipped =
        Combinators.combine(
                valid, Arbitraries.integers().greaterOrEqual(0).list().ofMinSize(1).ofMaxSize(3))
            .as(
                (bytes, bits) -> {
                  byte[] copy = bytes.clone();
                  for (int bit : bits) {
                    int at = bit % (copy.length * 8);
                    copy[at / 8] ^= (byte) (1 << (at % 8));
                  }
                  return copy;
                });
    Arbitrary<byte[]> inserted =
        Combinators.combine(valid, Arbitraries.integers().greaterOrEqual(0), Arbitraries.bytes())
            .as(
                (bytes, where, b) -> {
                  int at = where % (bytes.length + 1);
                  byte[] longer = new byte[bytes.length + 1];
                  System.arraycopy(bytes, 0, longer, 0, at);
                  longer[at] = b;
                  System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                  return longer;
                });
    return Arbitraries.frequencyOf(
        Tuple.of(2, valid),
        Tuple.of(1, noise),
        Tuple.of(2, cut),
        Tuple.of(3, flipped),
        Tuple.of(2, inserted));
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void everyRecordLeavesOnceWithTheOutcomeTheSchemasLayerGives(@ForAll("values") byte[] value)
      throws Exception {
    for (Decoder decoder : List.of(events, articles, platformCounts)) {
      String expected = decoder.expectedOutcome(value);
      String actual = decoder.outcome(value);
      Statistics.label(decoder.codec.currentVersion().schema().getName()).collect(actual);
      assertThat(actual).as(HexFormat.of().formatHex(value)).isEqualTo(expected);
    }
  }

  /** One decoding operator in a harness, and the codec that says what it should make of bytes. */
  private static final class Decoder {
    final OneInputStreamOperatorTestHarness<RawRecord, ?> harness;
    final OutputTag<RejectedRecord> rejected;
    final AvroSingleObjectCodec codec;
    long offset;

    <T> Decoder(
        ProcessFunction<RawRecord, T> function,
        OutputTag<RejectedRecord> rejected,
        AvroSingleObjectCodec codec)
        throws Exception {
      this.harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(function));
      this.rejected = rejected;
      this.codec = codec;
      harness.open();
    }

    /** "passed" or the reject reason, from the operator; exactly one output per record. */
    String outcome(byte[] value) throws Exception {
      harness.processElement(
          new StreamRecord<>(
              new RawRecord(
                  "t",
                  0,
                  offset++,
                  NOW.toEpochMilli(),
                  "k".getBytes(StandardCharsets.UTF_8),
                  value)));
      int passed = harness.extractOutputValues().size();
      var queue = harness.getSideOutput(rejected);
      int rejects = queue == null ? 0 : queue.size();
      assertThat(passed + rejects).as("outputs of one record").isEqualTo(1);
      String outcome = passed == 1 ? "passed" : queue.peek().getValue().reason();
      harness.getOutput().clear();
      if (queue != null) {
        queue.clear();
      }
      return outcome;
    }

    /** "passed" or the reject reason, from the schemas layer alone. */
    String expectedOutcome(byte[] value) {
      try {
        GenericRecord record = codec.decode(value);
        List<ValidationProblem> problems =
            switch (record.getSchema().getFullName()) {
              case DisseminationEvent.AVRO_NAME ->
                  DisseminationEvent.fromGenericRecord(record).validate(NOW);
              case Article.AVRO_NAME -> Article.fromGenericRecord(record).validate(NOW);
              default -> PlatformCount.fromGenericRecord(record).validate(NOW);
            };
        return problems.isEmpty() ? "passed" : problems.get(0).reason().name();
      } catch (RejectedRecordException e) {
        return e.reason().name();
      }
    }
  }
}
