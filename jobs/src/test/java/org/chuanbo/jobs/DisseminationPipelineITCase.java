package org.chuanbo.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.jobs.clickhouse.ClickHouseSink;
import org.chuanbo.jobs.kafka.DeadLetterSerializer;
import org.chuanbo.jobs.tables.EventsTable;
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

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  @TempDir Path temp;
  private PipelineTestBed bed;
  private Client client;

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
  void shouldWriteExactlyWhatTheRawEventsAddUpTo() throws Exception {
    List<OutgoingRecord> stream = StreamGenerator.generate(PipelineTestBed.settings(11));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    assertThat(expected.events()).as("a real day's worth of events").hasSizeGreaterThan(5_000);
    assertThat(expected.duplicatesDropped()).as("duplicates in the stream").isPositive();
    assertThat(expected.rejectedEventCount()).as("malformed records in the stream").isPositive();
    bed.publish(stream);
    JobClient job = bed.startJob();
    try {
      bed.awaitCaughtUp(expected);
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
    List<OutgoingRecord> stream = StreamGenerator.generate(PipelineTestBed.settings(12));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    FailingOnceSink.FAILED.set(false);
    FailingOnceSink.ROWS.set(0);
    bed.publish(stream.subList(0, stream.size() / 2));
    JobClient job =
        bed.startJob(
            new FailingOnceSink<>(
                new ClickHouseSink<>(bed.clickHouse(), EventsTable.MAPPING),
                expected.events().size() / 3));
    try {
      Awaitility.await().atMost(Duration.ofMinutes(2)).until(FailingOnceSink.FAILED::get);
      bed.publish(stream.subList(stream.size() / 2, stream.size()));
      bed.awaitCaughtUp(expected);
    } finally {
      job.cancel().get();
    }
    assertThat(FailingOnceSink.FAILED).isTrue();
    assertTablesMatch(expected);
    assertSpreadMatches(expected);
    assertIngestQualityMatches(expected);
  }

  /**
   * The production wiring ({@link DisseminationJob#prepare}, as main runs it on a cluster) from a
   * settings file: RocksDB with incremental checkpoints into a file: directory, the key from the
   * environment. The same stream must give the same tables as the heap-backed job above.
   */
  @Test
  void shouldWriteTheSameTablesWhenStartedFromASettingsFileWithRocksDb() throws Exception {
    List<OutgoingRecord> stream = StreamGenerator.generate(PipelineTestBed.settings(13));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    Path checkpoints = temp.resolve("checkpoints");
    Path settings =
        bed.writeSettingsFile(
            temp.resolve("chuanbo-job.properties"),
            checkpoints,
            "state.backend=rocksdb",
            "state.incremental=true");
    bed.publish(stream);
    JobClient job = bed.startProductionJob(settings);
    try {
      bed.awaitCaughtUp(expected);
    } finally {
      job.cancel().get();
    }
    assertTablesMatch(expected);
    assertSpreadMatches(expected);
    assertIngestQualityMatches(expected);
    try (var files = java.nio.file.Files.list(checkpoints.resolve(job.getJobID().toString()))) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .as("the job's checkpoints were kept on cancel")
          .anyMatch(name -> name.startsWith("chk-"));
    }
    try (var shared =
        java.nio.file.Files.list(
            checkpoints.resolve(job.getJobID().toString()).resolve("shared"))) {
      assertThat(shared.count())
          .as("RocksDB's incremental checkpoints upload its files to shared/; the heap's do not")
          .isPositive();
    }
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
    long expectedCount = PipelineTestBed.expectedDeadLetters(expected);
    Map<String, Long> reasons = new TreeMap<>();
    List<ConsumerRecord<byte[], byte[]>> records = bed.deadLetters(expectedCount);
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
    return bed.scalar(sql);
  }
}
