package org.chuanbo.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.generator.GeneratorSettings;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.jobs.corpus.BadRecordCorpus;
import org.chuanbo.jobs.corpus.CorpusEntry;
import org.chuanbo.jobs.corpus.CorpusRecipes;
import org.chuanbo.jobs.corpus.ExpectedOutcome;
import org.chuanbo.jobs.corpus.StoredRows;
import org.chuanbo.jobs.kafka.DeadLetterRedaction;
import org.chuanbo.jobs.kafka.DeadLetterSerializer;
import org.chuanbo.jobs.kafka.KafkaEndpoints;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-record corpus ({@code src/test/resources/bad-records/}) through the real job: every
 * entry, interleaved with a generated day of good traffic, goes to a real Kafka broker; the job
 * runs on a MiniCluster (parallelism 2) into the local ClickHouse. Each bad record must reach
 * {@code chuanbo.events.dlq} once, with its expected reason, found by its source offset; each
 * tricky-but-valid record must be stored as sent; the good traffic must add up to an independent
 * recomputation (GeneratedStreamFacts); and the job must never have failed or restarted.
 */
class BadRecordCorpusITCase {

  private static final int PARALLELISM = 2;
  private static final String CORPUS_ARTICLES =
      "startsWith(article_id, '" + CorpusRecipes.ARTICLE_PREFIX + "')";

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(JobRestarts.miniCluster());

  @TempDir Path temp;
  private PipelineTestBed bed;
  private Client client;
  private final JobSettings settings =
      JobSettings.defaults()
          .withCheckpointInterval(Duration.ofMillis(500))
          .withPseudonymKey("corpus-test-key-" + UUID.randomUUID());

  /** Where a record landed in Kafka: what a dead letter's source headers name. */
  private record Position(String topic, int partition, long offset) {}

  /** A corpus record as sent. */
  private record Sent(CorpusEntry entry, byte[] value) {}

  @BeforeEach
  void startKafkaAndCleanTables() throws Exception {
    bed = PipelineTestBed.start(temp);
    client = bed.client();
  }

  @AfterEach
  void stopKafka() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void shouldDeadLetterEveryBadRecordStoreTheTrickyOnesAndNeverRestart(
      @InjectClusterClient ClusterClient<?> flink) throws Exception {
    List<CorpusEntry> corpus = BadRecordCorpus.load();
    List<OutgoingRecord> stream = StreamGenerator.generate(settings());
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    Map<Position, Sent> sent = publishInterleaved(stream, corpus);

    JobClient job = startJob();
    JobRestarts restarts = new JobRestarts(flink.getWebInterfaceURL(), job.getJobID());
    try {
      awaitCaughtUp(expected, corpus, restarts);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> restarts.count().isPresent());
      assertThat(restarts.count()).as("numRestarts").hasValue(0);
      assertThat(restarts.failures()).as("the job's exception history").isEmpty();
    } finally {
      job.cancel().get();
    }

    assertDeadLetters(expected, sent);
    assertStoredAsSent(corpus);
    assertGoodTrafficCounted(expected);
    assertIngestQuality(expected, sent, corpus);
  }

  /** Half a day of traffic two days ago (Shanghai): a few thousand events, none in the future. */
  private static GeneratorSettings settings() {
    LocalDate start = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2);
    return new GeneratorSettings(1, 9L, 0.05, start);
  }

  /**
   * Sends the generated stream (stamped with its send times, as the pipeline test does) with the
   * corpus entries spread evenly through it, each entry's records together, and returns where each
   * corpus record landed.
   */
  private Map<Position, Sent> publishInterleaved(
      List<OutgoingRecord> stream, List<CorpusEntry> corpus) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bed.bootstrapServers());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    Map<Future<RecordMetadata>, Sent> pending = new LinkedHashMap<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
      int every = Math.max(1, stream.size() / (corpus.size() + 1));
      int nextEntry = 0;
      for (int i = 0; i < stream.size(); i++) {
        if (i % every == every / 2 && nextEntry < corpus.size()) {
          sendEntry(producer, corpus.get(nextEntry++), pending);
        }
        OutgoingRecord r = stream.get(i);
        producer.send(new ProducerRecord<>(r.topic(), null, r.sendAtMillis(), r.key(), r.value()));
      }
      while (nextEntry < corpus.size()) {
        sendEntry(producer, corpus.get(nextEntry++), pending);
      }
      producer.flush();
    }
    Map<Position, Sent> positions = new LinkedHashMap<>();
    for (Map.Entry<Future<RecordMetadata>, Sent> entry : pending.entrySet()) {
      RecordMetadata metadata = entry.getKey().get();
      positions.put(
          new Position(metadata.topic(), metadata.partition(), metadata.offset()),
          entry.getValue());
    }
    return positions;
  }

  private static void sendEntry(
      KafkaProducer<byte[], byte[]> producer,
      CorpusEntry entry,
      Map<Future<RecordMetadata>, Sent> pending) {
    for (byte[] value : entry.values()) {
      pending.put(
          producer.send(new ProducerRecord<>(entry.topic(), entry.key(), value)),
          new Sent(entry, value));
    }
  }

  private JobClient startJob() throws Exception {
    Configuration configuration = new Configuration();
    DisseminationJob.configureRecovery(configuration);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration);
    env.setParallelism(PARALLELISM);
    DisseminationJob.enableCheckpointing(env, settings);
    KafkaEndpoints endpoints =
        new KafkaEndpoints(bed.bootstrapServers(), "corpus-test-" + UUID.randomUUID());
    new DisseminationJob(
            settings,
            DisseminationJob.Sources.kafka(endpoints, settings),
            DisseminationJob.Sinks.clickHouseAndKafka(
                bed.clickHouse(), endpoints, settings.pseudonymiser()),
            Clock.systemUTC())
        .build(env);
    return env.executeAsync("bad-record corpus");
  }

  /**
   * Until the good traffic, the stored corpus records and the quality counts are all in; fails at
   * once when the job restarts, since a record that makes it fail would make it fail forever.
   */
  private void awaitCaughtUp(
      GeneratedStreamFacts expected, List<CorpusEntry> corpus, JobRestarts restarts) {
    long expectedQualityRecords =
        expected.qualityMinutes().values().stream().mapToLong(Long::longValue).sum()
            + corpusRejectedRecords(corpus)
            + corpusDuplicates(corpus);
    long storedCorpusEvents = storedEventIds(corpus).size();
    Awaitility.await()
        .atMost(Duration.ofSeconds(75))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              assertThat(restarts.count().orElse(0))
                  .as("restarts; failures: %s", restarts.failures())
                  .isZero();
              return scalar("SELECT count() FROM chuanbo.events WHERE NOT " + CORPUS_ARTICLES)
                      == expected.events().size()
                  && scalar("SELECT count() FROM chuanbo.events WHERE " + CORPUS_ARTICLES)
                      == storedCorpusEvents
                  && scalar(
                          "SELECT sum(views) FROM chuanbo.article_minute WHERE NOT "
                              + CORPUS_ARTICLES)
                      == expected.totals().views()
                  && scalar("SELECT sum(records) FROM chuanbo.ingest_quality_minute")
                      == expectedQualityRecords
                  && scalar(
                          "SELECT sum(views) FROM chuanbo.article_spread WHERE NOT "
                              + CORPUS_ARTICLES)
                      == expected.spreadByArticle().values().stream()
                          .mapToLong(GeneratedStreamFacts.ArticleSpread::views)
                          .sum();
            });
  }

  /**
   * Every bad corpus record in the dead-letter topic exactly once, found by its source offset, with
   * its expected reason and its original bytes as the redaction keeps them (ids pseudonymised or
   * blanked, which DeadLetterRedactionTest checks) and cut to the dead-letter limit; no valid
   * corpus record there; and the generated stream's malformed records with the reasons the oracle
   * expects.
   */
  private void assertDeadLetters(GeneratedStreamFacts expected, Map<Position, Sent> sent) {
    Map<String, Long> expectedGeneratedReasons = new TreeMap<>();
    expected
        .rejectedEvents()
        .forEach((reason, n) -> expectedGeneratedReasons.merge(reason.name(), n, Long::sum));
    expected
        .rejectedArticles()
        .forEach((reason, n) -> expectedGeneratedReasons.merge(reason.name(), n, Long::sum));
    expected
        .rejectedPlatformCounts()
        .forEach((reason, n) -> expectedGeneratedReasons.merge(reason.name(), n, Long::sum));
    long expectedGenerated =
        expectedGeneratedReasons.values().stream().mapToLong(Long::longValue).sum();
    long expectedCorpus =
        sent.values().stream()
            .filter(s -> s.entry().expected() instanceof ExpectedOutcome.Rejected)
            .count();

    DeadLetterRedaction redaction = new DeadLetterRedaction(settings.pseudonymiser());
    List<ConsumerRecord<byte[], byte[]>> deadLetters =
        bed.deadLetters(expectedGenerated + expectedCorpus);
    Map<String, Long> generatedReasons = new TreeMap<>();
    Set<Position> seen = new HashSet<>();
    List<String> wrong = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> deadLetter : deadLetters) {
      Position source =
          new Position(
              header(deadLetter, DeadLetterSerializer.SOURCE_TOPIC),
              Integer.parseInt(header(deadLetter, DeadLetterSerializer.SOURCE_PARTITION)),
              Long.parseLong(header(deadLetter, DeadLetterSerializer.SOURCE_OFFSET)));
      String reason = header(deadLetter, DeadLetterSerializer.REASON);
      if (!seen.add(source)) {
        wrong.add("two dead letters for " + source);
      }
      Sent corpusRecord = sent.get(source);
      if (corpusRecord == null) {
        generatedReasons.merge(reason, 1L, Long::sum);
        continue;
      }
      String name = corpusRecord.entry().name();
      if (!(corpusRecord.entry().expected() instanceof ExpectedOutcome.Rejected rejected)) {
        wrong.add(name + ": expected to be stored, dead-lettered as " + reason);
        continue;
      }
      if (!reason.equals(rejected.reason().name())) {
        wrong.add(name + ": expected " + rejected.reason() + ", dead-lettered as " + reason);
      }
      byte[] original = redaction.redact(corpusRecord.value(), "").value();
      if (original.length > DeadLetterSerializer.MAX_VALUE_BYTES) {
        if (!Arrays.equals(
                deadLetter.value(), Arrays.copyOf(original, DeadLetterSerializer.MAX_VALUE_BYTES))
            || !Integer.toString(original.length)
                .equals(header(deadLetter, DeadLetterSerializer.TRUNCATED_FROM))) {
          wrong.add(name + ": the dead letter is not the original cut to the limit");
        }
      } else if (!Arrays.equals(
          deadLetter.value() == null ? new byte[0] : deadLetter.value(), original)) {
        wrong.add(name + ": the dead letter's value is not the original, redacted");
      }
    }
    for (Map.Entry<Position, Sent> entry : sent.entrySet()) {
      if (entry.getValue().entry().expected() instanceof ExpectedOutcome.Rejected
          && !seen.contains(entry.getKey())) {
        wrong.add(entry.getValue().entry().name() + ": no dead letter for " + entry.getKey());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(generatedReasons).isEqualTo(expectedGeneratedReasons);
    assertThat(deadLetters).hasSize((int) (expectedGenerated + expectedCorpus));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Each tricky-but-valid corpus entry stored as sent, and its checks hold. */
  private void assertStoredAsSent(List<CorpusEntry> corpus) {
    StoredRows storedRows = new StoredRows(client);
    List<String> differences = new ArrayList<>();
    for (CorpusEntry entry : corpus) {
      if (entry.expected() instanceof ExpectedOutcome.Stored) {
        differences.addAll(storedRows.differences(entry));
      }
    }
    assertThat(differences).isEmpty();
  }

  /** The generated traffic adds up to the oracle's recomputation, as if no corpus were there. */
  private void assertGoodTrafficCounted(GeneratedStreamFacts expected) {
    // events, minutes, reach and articles, as every exactness test compares them
    ExactTables.excluding(client, CORPUS_ARTICLES).assertTablesMatch(expected);
    String good = " WHERE NOT " + CORPUS_ARTICLES;

    Map<String, String> spread = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT article_id, views, counted_views, reach, shares, engagements, cascade_shares,"
                + " max_depth FROM chuanbo.article_spread"
                + good)) {
      List<String> values = new ArrayList<>();
      for (int i = 2; i <= 8; i++) {
        values.add(row.getString(i));
      }
      spread.put(row.getString(1), String.join(",", values));
    }
    Map<String, String> expectedSpread = new TreeMap<>();
    expected
        .spreadByArticle()
        .forEach(
            (id, a) ->
                expectedSpread.put(
                    id,
                    String.join(
                        ",",
                        Long.toString(a.views()),
                        Long.toString(a.countedViews()),
                        Long.toString(a.reach()),
                        Long.toString(a.shares()),
                        Long.toString(a.engagements()),
                        Long.toString(a.cascadeShares()),
                        Integer.toString(a.maxDepth()))));
    assertThat(spread).containsExactlyEntriesOf(expectedSpread);

    Map<String, String> reports = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT article_id, channel, toString(day), report_id, views FROM"
                + " chuanbo.platform_counts"
                + good)) {
      reports.put(
          row.getString(1) + "|" + row.getString(2) + "|" + row.getString(3),
          row.getString(4) + "|" + row.getString(5));
    }
    Map<String, String> expectedReports = new TreeMap<>();
    expected
        .latestPlatformCounts()
        .forEach(
            (key, report) ->
                expectedReports.put(
                    key.articleId() + "|" + key.channel().name() + "|" + key.day(),
                    report.reportId() + "|" + report.views()));
    assertThat(expectedReports).as("the generated day has platform reports").isNotEmpty();
    assertThat(reports).containsExactlyEntriesOf(expectedReports);
  }

  /** Rejects per topic and reason, and dropped repeats: the generated ones plus the corpus's. */
  private void assertIngestQuality(
      GeneratedStreamFacts expected, Map<Position, Sent> sent, List<CorpusEntry> corpus) {
    Map<String, Long> expectedRejected = new TreeMap<>();
    expected
        .rejectedEvents()
        .forEach((reason, n) -> expectedRejected.merge(Topics.EVENTS + "|" + reason, n, Long::sum));
    expected
        .rejectedArticles()
        .forEach(
            (reason, n) -> expectedRejected.merge(Topics.ARTICLES + "|" + reason, n, Long::sum));
    expected
        .rejectedPlatformCounts()
        .forEach(
            (reason, n) ->
                expectedRejected.merge(Topics.PLATFORM_COUNTS + "|" + reason, n, Long::sum));
    for (Sent record : sent.values()) {
      if (record.entry().expected() instanceof ExpectedOutcome.Rejected rejected) {
        expectedRejected.merge(record.entry().topic() + "|" + rejected.reason(), 1L, Long::sum);
      }
    }
    Map<String, Long> rejected = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT topic, reason, sum(records) FROM chuanbo.ingest_quality_minute"
                + " WHERE outcome = 'rejected' GROUP BY topic, reason")) {
      rejected.put(row.getString(1) + "|" + row.getString(2), row.getLong(3));
    }
    assertThat(rejected).containsExactlyEntriesOf(expectedRejected);
    assertThat(
            scalar(
                "SELECT sum(records) FROM chuanbo.ingest_quality_minute"
                    + " WHERE outcome = 'duplicate'"))
        .isEqualTo(expected.duplicatesDropped() + corpusDuplicates(corpus));
  }

  private static long corpusRejectedRecords(List<CorpusEntry> corpus) {
    return corpus.stream()
        .filter(e -> e.expected() instanceof ExpectedOutcome.Rejected)
        .mapToLong(e -> e.values().size())
        .sum();
  }

  /** Event ids of the corpus's valid events: each stored once, however often it was sent. */
  private static Set<String> storedEventIds(List<CorpusEntry> corpus) {
    AvroSingleObjectCodec codec =
        AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);
    Set<String> ids = new HashSet<>();
    for (CorpusEntry entry : corpus) {
      if (entry.topic().equals(Topics.EVENTS)
          && entry.expected() instanceof ExpectedOutcome.Stored) {
        for (byte[] value : entry.values()) {
          try {
            ids.add(DisseminationEvent.fromGenericRecord(codec.decode(value)).eventId());
          } catch (RejectedRecordException e) {
            throw new IllegalStateException(entry.name() + " is expected to be stored", e);
          }
        }
      }
    }
    return ids;
  }

  /** Valid corpus events sent more than once: the repeats the job drops and counts. */
  private static long corpusDuplicates(List<CorpusEntry> corpus) {
    long sentValid =
        corpus.stream()
            .filter(
                e ->
                    e.topic().equals(Topics.EVENTS)
                        && e.expected() instanceof ExpectedOutcome.Stored)
            .mapToLong(e -> e.values().size())
            .sum();
    return sentValid - storedEventIds(corpus).size();
  }

  private long scalar(String sql) {
    return client.queryAll(sql).get(0).getLong(1);
  }
}
