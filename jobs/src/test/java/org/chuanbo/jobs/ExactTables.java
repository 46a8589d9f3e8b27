package org.chuanbo.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.schemas.Topics;

/**
 * The job's tables in ClickHouse against the oracle ({@link GeneratedStreamFacts}, an independent
 * recomputation from the raw generated records): every minute row, reach, title, share, spread
 * revision, platform report, dissemination index and ingest-quality count. Shared by the pipeline
 * tests on a MiniCluster and the launcher's tests on a real cluster, so "exact" means the same in
 * both. Expects tables that hold this stream's rows and nothing else.
 */
public final class ExactTables {

  private final Client client;

  /** A ClickHouse predicate on {@code article_id}: the rows the comparisons look at. */
  private final String articles;

  public ExactTables(Client client) {
    this(client, "1");
  }

  private ExactTables(Client client, String articles) {
    this.client = client;
    this.articles = articles;
  }

  /**
   * Comparisons that leave out the articles {@code predicate} (on {@code article_id}) picks: for
   * tables that also hold rows the oracle does not know of, such as a corpus of bad records' own
   * articles.
   */
  public static ExactTables excluding(Client client, String predicate) {
    return new ExactTables(client, "NOT (" + predicate + ")");
  }

  /** Every table at once: what a failure test asserts once the job has caught up. */
  public void assertAllMatch(GeneratedStreamFacts expected) throws Exception {
    assertTablesMatch(expected);
    assertSpreadMatches(expected);
    assertIngestQualityMatches(expected);
  }

  /** Waits until every table has all of {@code expected}: the totals equal, not yet each row. */
  public void awaitCaughtUp(GeneratedStreamFacts expected, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .ignoreExceptions()
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

  /** Every spread table equals the oracle's recomputation from the raw records. */
  public void assertSpreadMatches(GeneratedStreamFacts expected) throws Exception {
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

  public void assertTablesMatch(GeneratedStreamFacts expected) {
    String only = " WHERE " + articles;
    assertThat(scalar("SELECT count() FROM chuanbo.events" + only))
        .isEqualTo(expected.events().size());
    assertThat(scalar("SELECT uniqExact(event_id) FROM chuanbo.events" + only))
        .isEqualTo(expected.events().size());

    Map<String, String> actualMinutes = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT article_id, channel, toUnixTimestamp(minute) AS m, sum(views), sum(shares), sum(reposts), sum(likes),"
                + " sum(comments), sum(engaged_ms_sum), sum(engaged_count) FROM chuanbo.article_minute"
                + only
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
    assertThat(expectedMinutes).hasSizeGreaterThan(100);
    assertThat(actualMinutes).containsExactlyEntriesOf(expectedMinutes);

    Map<String, Long> reach = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll(
            "SELECT article_id, uniqExact(reach_key) FROM chuanbo.events"
                + only
                + " AND event_type = 'VIEW' GROUP BY article_id")) {
      reach.put(row.getString(1), row.getLong(2));
    }
    assertThat(reach).isEqualTo(new TreeMap<>(expected.reachByArticle()));

    Map<String, String> titles = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll("SELECT article_id, title FROM chuanbo.articles" + only)) {
      titles.put(row.getString(1), row.getString(2));
    }
    Map<String, String> expectedTitles = new TreeMap<>();
    expected.latestArticles().forEach((id, article) -> expectedTitles.put(id, article.title()));
    assertThat(titles).isEqualTo(expectedTitles);
  }

  /**
   * chuanbo.ingest_quality_minute against the oracle: rejected records per topic and reason (the
   * dead-letter header's reason), the duplicate deliveries of already-seen event ids, and both per
   * minute in which the record reached Kafka.
   */
  public void assertIngestQualityMatches(GeneratedStreamFacts expected) {
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

  /** How many records the stream sends to the dead-letter topic, from every topic. */
  public static long expectedDeadLetters(GeneratedStreamFacts expected) {
    return expected.rejectedEventCount()
        + expected.rejectedArticles().values().stream().mapToLong(Long::longValue).sum()
        + expected.rejectedPlatformCounts().values().stream().mapToLong(Long::longValue).sum();
  }

  public long scalar(String sql) {
    return client.queryAll(sql).get(0).getLong(1);
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
}
