package org.chuanbo.jobs;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.chuanbo.generator.GeneratorSettings;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.jobs.functions.DecodeEvents;
import org.chuanbo.jobs.functions.Pseudonymiser;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * The input of the job's benchmarks: the start of a day of {@code chuanbo.events} from the
 * project's generator at its default seed and rate (its duplicates and malformed records included,
 * as it makes them), as Kafka delivered it and as the job's own {@link DecodeEvents} turned it into
 * events. Made once per JVM (a few seconds), so every benchmark of a run and every smoke test reads
 * the same records.
 */
public final class GeneratedDay {

  /** A Thursday, at the generator's default seed and rate (about 88,000 records in the day). */
  public static final GeneratorSettings SETTINGS =
      GeneratorSettings.defaults(LocalDate.of(2026, 11, 26));

  /**
   * How many records each benchmark cycles through or takes as one batch: a power of two (cycling
   * masks the index), and fewer than a day holds of either kind.
   */
  public static final int RECORDS = 1 << 16;

  /**
   * The job's clock while the day is read: just after it, as for a backlog being caught up; the
   * validation judges event times against it.
   */
  public static final Clock CLOCK = Clock.fixed(SETTINGS.periodEnd(), ZoneOffset.UTC);

  /** Any key of sixteen characters or more: the cost of HMAC-SHA-256 does not depend on it. */
  public static final String PSEUDONYM_KEY = "benchmark-pseudonym-key";

  private static GeneratedDay day;

  private final List<RawRecord> records;
  private final List<EnrichedEvent> events;

  private GeneratedDay(List<RawRecord> records, List<EnrichedEvent> events) {
    this.records = records;
    this.events = events;
  }

  public static synchronized GeneratedDay get() throws Exception {
    if (day == null) {
      day = generate();
    }
    return day;
  }

  /** The first {@link #RECORDS} records of {@code chuanbo.events}, in the order Kafka got them. */
  public RawRecord[] records() {
    return records.subList(0, RECORDS).toArray(RawRecord[]::new);
  }

  /**
   * The first {@link #RECORDS} events that the job's {@link DecodeEvents} accepted, in arrival
   * order, repeats still among them (deduplication comes next), each with its article's office as
   * the join gives it.
   */
  public EnrichedEvent[] events() {
    return events.subList(0, RECORDS).toArray(EnrichedEvent[]::new);
  }

  private static GeneratedDay generate() throws Exception {
    AvroSingleObjectCodec articles =
        AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), Article.AVRO_NAME);
    Map<String, String> officeByArticle = new HashMap<>();
    List<RawRecord> records = new ArrayList<>();
    // The generator makes records as they are asked for: stop once there are enough (a few more
    // than RECORDS, for the malformed ones), in a fraction of the time the whole day takes. Every
    // article is sent before its events, so each event read has its office.
    Iterator<OutgoingRecord> stream = StreamGenerator.iterate(SETTINGS);
    while (records.size() < RECORDS + RECORDS / 16 && stream.hasNext()) {
      OutgoingRecord record = stream.next();
      switch (record.topic()) {
        case Topics.EVENTS -> records.add(raw(record, records.size()));
        case Topics.ARTICLES -> officeByArticle.put(record.keyText(), office(articles, record));
        default -> {
          // Platform counts take another path through the job.
        }
      }
    }

    List<EnrichedEvent> events = new ArrayList<>();
    DecodeEvents decode = new DecodeEvents(new Pseudonymiser(PSEUDONYM_KEY), CLOCK);
    try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(decode))) {
      harness.open(); // what the job's operator does for the function: codec, metrics
      Collector<EnrichedEvent> accepted =
          new Collector<>() {
            @Override
            public void collect(EnrichedEvent event) {
              events.add(
                  event.withOffice(
                      officeByArticle.getOrDefault(
                          event.articleId(), EnrichedEvent.UNKNOWN_OFFICE)));
            }

            @Override
            public void close() {}
          };
      ProcessFunction<RawRecord, EnrichedEvent>.Context rejectedAreDropped =
          decode.new Context() {
            @Override
            public Long timestamp() {
              return null;
            }

            @Override
            public TimerService timerService() {
              throw new UnsupportedOperationException("decoding sets no timers");
            }

            @Override
            public <X> void output(OutputTag<X> tag, X rejected) {}
          };
      for (RawRecord record : records) {
        decode.processElement(record, rejectedAreDropped, accepted);
      }
    }
    if (records.size() < RECORDS || events.size() < RECORDS) {
      throw new IllegalStateException(
          SETTINGS + " gave " + records.size() + " records, " + events.size() + " accepted");
    }
    return new GeneratedDay(records, events);
  }

  private static RawRecord raw(OutgoingRecord record, long offset) {
    return new RawRecord(
        record.topic(), 0, offset, record.sendAtMillis(), record.key(), record.value());
  }

  private static String office(AvroSingleObjectCodec articles, OutgoingRecord record) {
    try {
      return Article.fromGenericRecord(articles.decode(record.value())).office();
    } catch (RejectedRecordException e) {
      throw new IllegalStateException("the generator sent a broken article: " + record, e);
    }
  }
}
