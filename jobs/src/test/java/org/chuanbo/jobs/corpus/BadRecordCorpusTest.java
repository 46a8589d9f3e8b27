package org.chuanbo.jobs.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chuanbo.jobs.functions.DecodeArticles;
import org.chuanbo.jobs.functions.DecodeEvents;
import org.chuanbo.jobs.functions.DecodePlatformCounts;
import org.chuanbo.jobs.functions.Pseudonymiser;
import org.chuanbo.jobs.kafka.RawRecordDeserializer;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.Topics;
import org.junit.jupiter.api.Test;

/**
 * The checked-in corpus: its shape, that it is what {@link CorpusRecipes} makes, and that the job's
 * own decoding operators give each entry its expected outcome — in milliseconds, before {@code
 * BadRecordCorpusITCase} proves the same through Kafka, the whole job and ClickHouse.
 *
 * <p>To regenerate the files after changing a recipe: {@code mvn -o -pl jobs -am test
 * -Dtest=BadRecordCorpusTest -Dsurefire.failIfNoSpecifiedTests=false -Dchuanbo.corpus.write=true}.
 */
class BadRecordCorpusTest {

  private static final Path SOURCE_FOLDER = Path.of("src/test/resources", BadRecordCorpus.FOLDER);

  @Test
  void shouldNameAtLeastFortyBadRecordsCoveringEveryReason() {
    List<CorpusEntry> corpus = BadRecordCorpus.load();
    Set<String> names = new HashSet<>();
    Set<RejectReason> reasons = EnumSet.noneOf(RejectReason.class);
    int rejected = 0;
    int stored = 0;
    for (CorpusEntry entry : corpus) {
      assertThat(names.add(entry.name())).as("unique name " + entry.name()).isTrue();
      assertThat(entry.topic()).isIn(Topics.EVENTS, Topics.ARTICLES, Topics.PLATFORM_COUNTS);
      if (entry.expected() instanceof ExpectedOutcome.Rejected r) {
        reasons.add(r.reason());
        rejected++;
      } else {
        stored++;
      }
    }
    assertThat(rejected).isGreaterThanOrEqualTo(40);
    assertThat(stored).as("tricky but valid records").isGreaterThanOrEqualTo(5);
    assertThat(reasons).containsExactlyInAnyOrder(RejectReason.values());
  }

  @Test
  void shouldBeWhatTheRecipesMake() throws Exception {
    List<CorpusEntry> made = CorpusRecipes.entries();
    if (Boolean.getBoolean("chuanbo.corpus.write")) {
      BadRecordCorpus.write(made, SOURCE_FOLDER);
      return;
    }
    List<CorpusEntry> committed = BadRecordCorpus.load();
    assertThat(committed.stream().map(CorpusEntry::name))
        .as("rerun with -Dchuanbo.corpus.write=true after changing a recipe")
        .containsExactlyElementsOf(made.stream().map(CorpusEntry::name).toList());
    for (int i = 0; i < made.size(); i++) {
      assertThat(committed.get(i)).as(made.get(i).name()).isEqualTo(made.get(i));
    }
  }

  @Test
  void shouldGiveEveryEntryItsOutcomeInTheDecodeOperators() throws Exception {
    Clock clock = Clock.systemUTC();
    Map<String, Decoder> decoders =
        Map.of(
            Topics.EVENTS,
            new Decoder(
                new DecodeEvents(new Pseudonymiser("corpus-test-key-0123456789"), clock),
                DecodeEvents.REJECTED),
            Topics.ARTICLES,
            new Decoder(new DecodeArticles(clock), DecodeArticles.REJECTED),
            Topics.PLATFORM_COUNTS,
            new Decoder(new DecodePlatformCounts(clock), DecodePlatformCounts.REJECTED));
    List<String> wrong = new ArrayList<>();
    try {
      for (Decoder decoder : decoders.values()) {
        decoder.harness.open();
      }
      for (CorpusEntry entry : BadRecordCorpus.load()) {
        Decoder decoder = decoders.get(entry.topic());
        for (byte[] value : entry.values()) {
          String outcome = decoder.outcome(entry, value);
          if (!outcome.equals(expectedOutcome(entry))) {
            wrong.add(entry.name() + ": expected " + expectedOutcome(entry) + ", got " + outcome);
          }
        }
      }
    } finally {
      for (Decoder decoder : decoders.values()) {
        decoder.harness.close();
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static String expectedOutcome(CorpusEntry entry) {
    return entry.expected() instanceof ExpectedOutcome.Rejected r ? r.reason().name() : "passed";
  }

  /** One decoding operator in a harness, and which output each record came out of. */
  private static final class Decoder {
    final OneInputStreamOperatorTestHarness<RawRecord, ?> harness;
    final OutputTag<RejectedRecord> rejected;
    long offset;

    <T> Decoder(ProcessFunction<RawRecord, T> function, OutputTag<RejectedRecord> rejected)
        throws Exception {
      this.harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(function));
      this.rejected = rejected;
    }

    /** The reject reason, or "passed"; the record goes in as the Kafka source would make it. */
    String outcome(CorpusEntry entry, byte[] value) throws Exception {
      List<RawRecord> raw = new ArrayList<>();
      new RawRecordDeserializer()
          .deserialize(
              new ConsumerRecord<>(entry.topic(), 0, offset++, entry.key(), value),
              new Collector<>() {
                @Override
                public void collect(RawRecord record) {
                  raw.add(record);
                }

                @Override
                public void close() {}
              });
      int passedBefore = harness.extractOutputValues().size();
      int rejectedBefore = rejectedCount();
      harness.processElement(new StreamRecord<>(raw.get(0)));
      int passed = harness.extractOutputValues().size() - passedBefore;
      int rejects = rejectedCount() - rejectedBefore;
      if (passed + rejects != 1) {
        return passed + " passed and " + rejects + " rejected";
      }
      if (passed == 1) {
        return "passed";
      }
      RejectedRecord last = null;
      for (StreamRecord<RejectedRecord> record : harness.getSideOutput(rejected)) {
        last = record.getValue();
      }
      return last.reason();
    }

    private int rejectedCount() {
      var queue = harness.getSideOutput(rejected);
      return queue == null ? 0 : queue.size();
    }
  }
}
