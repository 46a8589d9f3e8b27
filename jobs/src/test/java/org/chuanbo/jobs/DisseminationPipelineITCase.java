package org.chuanbo.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.generator.GeneratorSettings;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.clickhouse.ClickHouseSink;
import org.chuanbo.jobs.clickhouse.Migrations;
import org.chuanbo.jobs.kafka.DeadLetterSerializer;
import org.chuanbo.jobs.kafka.KafkaEndpoints;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.tables.EventsTable;
import org.chuanbo.kafka.local.ContractTopics;
import org.chuanbo.kafka.local.LocalKafka;
import org.chuanbo.kafka.local.LocalKafkaSettings;
import org.chuanbo.kafka.local.LoopbackPorts;
import org.chuanbo.kafka.local.RecordPublisher;
import org.chuanbo.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generator → a real Kafka broker → the job on a MiniCluster (parallelism 2) → the local
 * ClickHouse; every table is compared with an independent recomputation from the generated raw
 * events (GeneratedStreamFacts), duplicates, late events and malformed records included.
 */
class DisseminationPipelineITCase {

  private static final int PARALLELISM = 2;

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  @TempDir Path temp;
  private LocalKafka kafka;
  private final ClickHouseEndpoint clickHouse =
      ClickHouseEndpoint.local(LocalClickHouse.server().port());
  private Client client;

  @BeforeEach
  void startKafkaAndCleanTables() throws Exception {
    kafka =
        new LocalKafka(
            LocalKafkaSettings.in(temp.resolve("kafka")).withPort(LoopbackPorts.freePort()));
    kafka.start();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      ContractTopics.createMissing(admin);
    }
    Migrations.bundled().apply(clickHouse);
    client = clickHouse.newClient();
    for (String table :
        List.of(
            "events",
            "article_minute",
            "article_versions",
            "share_cascade",
            "article_spread_versions",
            "platform_count_reports",
            "reach_daily",
            "ingest_quality_minute")) {
      client.execute("TRUNCATE TABLE chuanbo." + table).get().close();
    }
  }

  @AfterEach
  void stopKafka() {
    if (client != null) {
      client.close();
    }
    kafka.stop();
  }

  @Test
  void shouldWriteExactlyWhatTheRawEventsAddUpTo() throws Exception {
    List<OutgoingRecord> stream = StreamGenerator.generate(settings(11));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    assertThat(expected.events()).as("a real day's worth of events").hasSizeGreaterThan(5_000);
    assertThat(expected.duplicatesDropped()).as("duplicates in the stream").isPositive();
    assertThat(expected.rejectedEventCount()).as("malformed records in the stream").isPositive();
    publish(stream);
    JobClient job = startJob(new ClickHouseSink<>(clickHouse, EventsTable.MAPPING));
    try {
      awaitCaughtUp(expected);
    } finally {
      job.cancel().get();
    }
    assertTablesMatch(expected);
    assertSpreadMatches(expected);
    assertDeadLettersMatch(expected);
    assertIngestQualityMatches(expected);
  }

  @Test
  void shouldStayExactAcrossAFailureAndRestoreFromCheckpoint() throws Exception {
    List<OutgoingRecord> stream = StreamGenerator.generate(settings(12));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    FailingOnceSink.FAILED.set(false);
    FailingOnceSink.ROWS.set(0);
    publish(stream.subList(0, stream.size() / 2));
    JobClient job =
        startJob(
            new FailingOnceSink<>(
                new ClickHouseSink<>(clickHouse, EventsTable.MAPPING),
                expected.events().size() / 3));
    try {
      Awaitility.await().atMost(Duration.ofMinutes(2)).until(FailingOnceSink.FAILED::get);
      publish(stream.subList(stream.size() / 2, stream.size()));
      awaitCaughtUp(expected);
    } finally {
      job.cancel().get();
    }
    assertThat(FailingOnceSink.FAILED).isTrue();
    assertTablesMatch(expected);
    assertSpreadMatches(expected);
    assertIngestQualityMatches(expected);
  }

  /** A day two days ago (Shanghai), so no generated event is in the future of the job's clock. */
  private static GeneratorSettings settings(long seed) {
    LocalDate start = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2);
    return new GeneratorSettings(1, seed, 0.15, start);
  }

  /**
   * Sends the records stamped with their send times, so that the minute each reached Kafka is the
   * one the oracle knows (the generated day is two days old: inside the topics' retention).
   */
  private void publish(List<OutgoingRecord> records) {
    try (RecordPublisher publisher = new RecordPublisher(kafka.bootstrapServers())) {
      publisher.publish(
          records.stream()
              .map(
                  r ->
                      new RecordPublisher.OutgoingBytes(
                          r.topic(), r.key(), r.value(), r.sendAtMillis()))
              .toList(),
          sent -> {});
    }
  }

  private JobClient startJob(Sink<EnrichedEvent> eventsSink) throws Exception {
    Configuration configuration = new Configuration();
    DisseminationJob.configureRecovery(configuration);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration);
    env.setParallelism(PARALLELISM);
    JobSettings settings =
        JobSettings.defaults()
            .withCheckpointInterval(Duration.ofMillis(500))
            .withPseudonymKey("pipeline-test-key-" + UUID.randomUUID());
    DisseminationJob.enableCheckpointing(env, settings);
    KafkaEndpoints endpoints =
        new KafkaEndpoints(kafka.bootstrapServers(), "pipeline-test-" + UUID.randomUUID());
    new DisseminationJob(
            settings,
            DisseminationJob.Sources.kafka(endpoints),
            DisseminationJob.Sinks.clickHouseAndKafka(clickHouse, endpoints).withEvents(eventsSink),
            Clock.systemUTC())
        .build(env);
    return env.executeAsync("pipeline test");
  }

  private void awaitCaughtUp(GeneratedStreamFacts expected) {
    Awaitility.await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                scalar("SELECT count() FROM chuanbo.events") == expected.events().size()
                    && scalar("SELECT sum(views) FROM chuanbo.article_minute")
                        == expected.totals().views()
                    && scalar(
                            "SELECT sum(shares) + sum(reposts) + sum(likes) + sum(comments) FROM chuanbo.article_minute")
                        == expected.totals().engagements()
                    && scalar("SELECT count() FROM chuanbo.share_cascade")
                        == expected.cascadeShares().size()
                    && scalar("SELECT sum(records) FROM chuanbo.ingest_quality_minute")
                        == expected.qualityMinutes().values().stream()
                            .mapToLong(Long::longValue)
                            .sum()
                    && spreadTotals().equals(expectedSpreadTotals(expected)));
  }

  /** A few sums over article_spread: equal once the last revision of every article is in. */
  private List<Long> spreadTotals() {
    GenericRecord row =
        client
            .queryAll(
                "SELECT count(), sum(views), sum(counted_views), sum(reach), sum(shares),"
                    + " sum(engagements), sum(cascade_shares) FROM chuanbo.article_spread")
            .get(0);
    List<Long> totals = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      totals.add(row.getLong(i));
    }
    return totals;
  }

  private static List<Long> expectedSpreadTotals(GeneratedStreamFacts expected) {
    var spread = expected.spreadByArticle().values();
    return List.of(
        (long) spread.size(),
        spread.stream().mapToLong(GeneratedStreamFacts.ArticleSpread::views).sum(),
        spread.stream().mapToLong(GeneratedStreamFacts.ArticleSpread::countedViews).sum(),
        spread.stream().mapToLong(GeneratedStreamFacts.ArticleSpread::reach).sum(),
        spread.stream().mapToLong(GeneratedStreamFacts.ArticleSpread::shares).sum(),
        spread.stream().mapToLong(GeneratedStreamFacts.ArticleSpread::engagements).sum(),
        spread.stream().mapToLong(GeneratedStreamFacts.ArticleSpread::cascadeShares).sum());
  }

  /** Every spread table equals the oracle's recomputation from the raw records. */
  private void assertSpreadMatches(GeneratedStreamFacts expected) throws Exception {
    assertThat(expected.orphanShares()).as("every generated share's parent is generated").isEmpty();
    assertThat(expected.cascadeShares()).as("the stream has share chains").hasSizeGreaterThan(50);

    Map<String, String> cascade = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT share_id, article_id, ifNull(parent_share_id, '-'), generation, channel,"
                + " toUnixTimestamp64Milli(event_time), parent_missing FROM chuanbo.share_cascade")) {
      cascade.put(
          row.getString(1),
          String.join(
              "|",
              row.getString(2),
              row.getString(3),
              row.getString(4),
              row.getString(5),
              row.getString(6),
              row.getString(7)));
    }
    Map<String, String> expectedCascade = new TreeMap<>();
    expected
        .cascadeShares()
        .forEach(
            (id, share) ->
                expectedCascade.put(
                    id,
                    String.join(
                        "|",
                        share.articleId(),
                        share.parentShareId() == null ? "-" : share.parentShareId(),
                        Integer.toString(share.generation()),
                        share.channel().name(),
                        Long.toString(share.eventTime().toEpochMilli()),
                        "0")));
    assertThat(cascade).containsExactlyEntriesOf(expectedCascade);

    Map<String, String> spread = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT article_id, views, counted_views, direct_views, via_share_views, reach,"
                + " shares, counted_shares, reposts, likes, comments, engagements, outlets,"
                + " ifNull(toString(toUnixTimestamp64Milli(first_repost_at)), '-'), cascade_shares,"
                + " max_depth, toString(round(mean_depth, 6)), toString(shares_per_generation),"
                + " toString(round(structural_virality, 6)), channels, reach_exact,"
                + " pending_shares, orphaned_shares, structural_virality_estimated"
                + " FROM chuanbo.article_spread")) {
      List<String> values = new ArrayList<>();
      for (int i = 2; i <= 24; i++) {
        values.add(row.getString(i));
      }
      spread.put(row.getString(1), String.join("|", values));
    }
    Map<String, String> expectedSpread = new TreeMap<>();
    expected
        .spreadByArticle()
        .forEach(
            (id, a) ->
                expectedSpread.put(
                    id,
                    String.join(
                        "|",
                        List.of(
                            Long.toString(a.views()),
                            Long.toString(a.countedViews()),
                            Long.toString(a.directViews()),
                            Long.toString(a.viaShareViews()),
                            Long.toString(a.reach()),
                            Long.toString(a.shares()),
                            Long.toString(a.countedShares()),
                            Long.toString(a.reposts()),
                            Long.toString(a.likes()),
                            Long.toString(a.comments()),
                            Long.toString(a.engagements()),
                            Integer.toString(a.outlets()),
                            a.firstRepostAt() == null
                                ? "-"
                                : Long.toString(a.firstRepostAt().toEpochMilli()),
                            Long.toString(a.cascadeShares()),
                            Integer.toString(a.maxDepth()),
                            rounded(a.meanDepth()),
                            a.sharesPerGeneration().toString().replace(" ", ""),
                            rounded(a.structuralVirality()),
                            Integer.toString(a.channels()),
                            "1",
                            "0",
                            "0",
                            "0"))));
    assertThat(spread).containsExactlyEntriesOf(expectedSpread);

    Map<String, String> reports = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT article_id, channel, toString(day), report_id, views, shares, likes, comments"
                + " FROM chuanbo.platform_counts")) {
      reports.put(
          row.getString(1) + "|" + row.getString(2) + "|" + row.getString(3),
          String.join(
              "|",
              row.getString(4),
              row.getString(5),
              row.getString(6),
              row.getString(7),
              row.getString(8)));
    }
    Map<String, String> expectedReports = new TreeMap<>();
    expected
        .latestPlatformCounts()
        .forEach(
            (key, report) ->
                expectedReports.put(
                    key.articleId() + "|" + key.channel().name() + "|" + key.day(),
                    String.join(
                        "|",
                        report.reportId(),
                        Long.toString(report.views()),
                        Long.toString(report.shares()),
                        Long.toString(report.likes()),
                        Long.toString(report.comments()))));
    assertThat(expectedReports).as("the stream has WeChat reports").isNotEmpty();
    assertThat(reports).containsExactlyEntriesOf(expectedReports);

    long mismatches =
        client.queryAll(DisseminationIndexSql.RECOMPUTE).stream()
            .filter(row -> row.getDouble("di") != row.getDouble("stored_di"))
            .count();
    assertThat(mismatches).as("articles whose stored DI differs from di_recompute.sql").isZero();
  }

  /** A double as ClickHouse prints round(x, 6). */
  private static String rounded(double value) {
    return new java.math.BigDecimal(value)
        .setScale(6, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }

  private void assertTablesMatch(GeneratedStreamFacts expected) {
    assertThat(scalar("SELECT count() FROM chuanbo.events")).isEqualTo(expected.events().size());
    assertThat(scalar("SELECT uniqExact(event_id) FROM chuanbo.events"))
        .isEqualTo(expected.events().size());

    Map<String, String> actualMinutes = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT article_id, channel, toUnixTimestamp(minute) AS m, sum(views), sum(shares), sum(reposts), sum(likes),"
                + " sum(comments), sum(engaged_ms_sum), sum(engaged_count) FROM chuanbo.article_minute"
                + " GROUP BY article_id, channel, m")) {
      actualMinutes.put(
          row.getString(1) + "|" + row.getString(2) + "|" + row.getLong(3),
          row.getLong(4)
              + ","
              + row.getLong(5)
              + ","
              + row.getLong(6)
              + ","
              + row.getLong(7)
              + ","
              + row.getLong(8)
              + ","
              + row.getLong(9)
              + ","
              + row.getLong(10));
    }
    Map<String, String> expectedMinutes = new TreeMap<>();
    expected
        .minuteCounts()
        .forEach(
            (key, c) ->
                expectedMinutes.put(
                    key.articleId()
                        + "|"
                        + key.channel().name()
                        + "|"
                        + key.minute().getEpochSecond(),
                    c.views()
                        + ","
                        + c.shares()
                        + ","
                        + c.reposts()
                        + ","
                        + c.likes()
                        + ","
                        + c.comments()
                        + ","
                        + c.engagedMsSum()
                        + ","
                        + c.engagedCount()));
    assertThat(expectedMinutes).hasSizeGreaterThan(1_000);
    assertThat(actualMinutes).containsExactlyEntriesOf(expectedMinutes);

    Map<String, Long> reach = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT article_id, uniqExact(reach_key) FROM chuanbo.events WHERE event_type = 'VIEW' GROUP BY article_id")) {
      reach.put(row.getString(1), row.getLong(2));
    }
    assertThat(reach).isEqualTo(new TreeMap<>(expected.reachByArticle()));

    Map<String, String> titles = new TreeMap<>();
    for (GenericRecord row : client.queryAll("SELECT article_id, title FROM chuanbo.articles")) {
      titles.put(row.getString(1), row.getString(2));
    }
    Map<String, String> expectedTitles = new TreeMap<>();
    expected.latestArticles().forEach((id, article) -> expectedTitles.put(id, article.title()));
    assertThat(titles).isEqualTo(expectedTitles);
  }

  private void assertDeadLettersMatch(GeneratedStreamFacts expected) {
    long expectedCount =
        expected.rejectedEventCount()
            + expected.rejectedArticles().values().stream().mapToLong(Long::longValue).sum()
            + expected.rejectedPlatformCounts().values().stream().mapToLong(Long::longValue).sum();
    Map<String, Long> reasons = new TreeMap<>();
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-check-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.EVENTS_DLQ));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= expectedCount;
              });
      for (ConsumerRecord<byte[], byte[]> record : records) {
        String reason =
            new String(
                record.headers().lastHeader(DeadLetterSerializer.REASON).value(),
                StandardCharsets.UTF_8);
        reasons.merge(reason, 1L, Long::sum);
        assertThat(record.headers().lastHeader(DeadLetterSerializer.SOURCE_TOPIC)).isNotNull();
        assertThat(
                Instant.parse(
                    new String(
                        record.headers().lastHeader(DeadLetterSerializer.REJECTED_AT).value(),
                        StandardCharsets.UTF_8)))
            .isBefore(Instant.now().plusSeconds(1));
      }
      assertThat(records).hasSize((int) expectedCount);
    }
    Map<String, Long> expectedReasons = new TreeMap<>();
    expected
        .rejectedEvents()
        .forEach((reason, count) -> expectedReasons.merge(reason.name(), count, Long::sum));
    expected
        .rejectedArticles()
        .forEach((reason, count) -> expectedReasons.merge(reason.name(), count, Long::sum));
    expected
        .rejectedPlatformCounts()
        .forEach((reason, count) -> expectedReasons.merge(reason.name(), count, Long::sum));
    assertThat(reasons).isEqualTo(expectedReasons);
    assertThat(expectedCount).as("the stream holds malformed records").isPositive();
  }

  /**
   * chuanbo.ingest_quality_minute against the oracle: rejected records per topic and reason (the
   * dead-letter header's reason), the duplicate deliveries of already-seen event ids, and both per
   * minute in which the record reached Kafka.
   */
  private void assertIngestQualityMatches(GeneratedStreamFacts expected) {
    Map<String, Long> rejected = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT topic, reason, sum(records) FROM chuanbo.ingest_quality_minute"
                + " WHERE outcome = 'rejected' GROUP BY topic, reason")) {
      rejected.put(row.getString(1) + "|" + row.getString(2), row.getLong(3));
    }
    Map<String, Long> expectedRejected = new TreeMap<>();
    expected
        .rejectedEvents()
        .forEach((reason, count) -> expectedRejected.put(Topics.EVENTS + "|" + reason, count));
    expected
        .rejectedArticles()
        .forEach((reason, count) -> expectedRejected.put(Topics.ARTICLES + "|" + reason, count));
    expected
        .rejectedPlatformCounts()
        .forEach(
            (reason, count) -> expectedRejected.put(Topics.PLATFORM_COUNTS + "|" + reason, count));
    assertThat(expectedRejected).as("the stream holds malformed records").isNotEmpty();
    assertThat(rejected).containsExactlyEntriesOf(expectedRejected);

    Map<String, Long> duplicates = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT topic, reason, sum(records) FROM chuanbo.ingest_quality_minute"
                + " WHERE outcome = 'duplicate' GROUP BY topic, reason")) {
      duplicates.put(row.getString(1) + "|" + row.getString(2), row.getLong(3));
    }
    assertThat(expected.duplicatesDropped()).as("duplicates in the stream").isPositive();
    assertThat(duplicates)
        .containsExactly(
            Map.entry(Topics.EVENTS + "|duplicate_event_id", expected.duplicatesDropped()));

    Map<String, Long> minutes = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT toUnixTimestamp(minute) AS m, topic, outcome, reason, sum(records)"
                + " FROM chuanbo.ingest_quality_minute GROUP BY m, topic, outcome, reason")) {
      minutes.put(
          String.join("|", row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
          row.getLong(5));
    }
    Map<String, Long> expectedMinutes = new TreeMap<>();
    expected
        .qualityMinutes()
        .forEach(
            (key, count) ->
                expectedMinutes.put(
                    String.join(
                        "|",
                        Long.toString(key.minute().getEpochSecond()),
                        key.topic(),
                        key.outcome(),
                        key.reason()),
                    count));
    assertThat(minutes).containsExactlyEntriesOf(expectedMinutes);
  }

  private long scalar(String sql) {
    return client.queryAll(sql).get(0).getLong(1);
  }
}
