package org.chuanbo.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.chuanbo.generator.GeneratedStreamFacts.ArticleChannelMinute;
import org.chuanbo.generator.GeneratedStreamFacts.ArticleSpread;
import org.chuanbo.generator.GeneratedStreamFacts.CascadeShare;
import org.chuanbo.generator.GeneratedStreamFacts.Counts;
import org.chuanbo.generator.GeneratedStreamFacts.PlatformDay;
import org.chuanbo.generator.GeneratedStreamFacts.QualityMinute;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;
import org.junit.jupiter.api.Test;

/** The oracle on a stream small enough to count by hand. */
class GeneratedStreamFactsTest {

  /** 2024-03-04 10:00 in Shanghai. */
  private static final Instant TEN = Instant.parse("2024-03-04T02:00:00Z");

  private static final String PIECE = "hz-20240304-001";
  private static final String OTHER_PIECE = "zp-20240304-002";

  private final AvroSingleObjectCodec events =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);
  private final AvroSingleObjectCodec articles =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), Article.AVRO_NAME);
  private final AvroSingleObjectCodec platformCounts =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), PlatformCount.AVRO_NAME);
  private final List<OutgoingRecord> stream = new ArrayList<>();
  private int ids;

  @Test
  void shouldCountTheHandMadeStream() {
    Article firstVersion = article("我是党员｜黄美玲：扎根瑶乡二十年的乡村教圆", 0);
    Article correction = article("我是党员｜黄美玲：扎根瑶乡二十年的乡村教师", 30);
    send(correction, 30 * 60 + 5);
    byte[] view =
        send(view(PIECE, Channel.WECHAT, "o_u1", null, 10).durationMs(30_000L).build(), 11);
    send(view(PIECE, Channel.WECHAT, "o_u1", null, 50).build(), 52);
    send(event(EventType.SHARE, PIECE, Channel.WECHAT, "o_u1", 55).shareId("s1").build(), 57);
    send(view(PIECE, Channel.APP, "dev_1", "dy0000001", 65).durationMs(60_000L).build(), 70);
    send(view(PIECE, Channel.WEBSITE, "ck_1", "dy0000001", 90).build(), 91);
    send(
        event(EventType.SHARE, PIECE, Channel.WECHAT, "o_u3", 300)
            .shareId("s2")
            .viaShareId("s1")
            .build(),
        301);
    send(
        event(EventType.SHARE, PIECE, Channel.WECHAT, "o_u4", 360)
            .shareId("s3")
            .viaShareId("s2")
            .build(),
        361);
    send(view(PIECE, Channel.WECHAT, "o_u2", null, 420).viaShareId("s3").build(), 421);
    send(event(EventType.LIKE, PIECE, Channel.WECHAT, "o_u2", 450).viaShareId("s3").build(), 451);
    send(event(EventType.COMMENT, PIECE, Channel.WECHAT, "o_u2", 470).build(), 471);
    send(
        event(EventType.REPOST, PIECE, Channel.WEBSITE, "outlet_xinhuanet", 3_600)
            .outlet("新华网")
            .build(),
        3_601);
    send(
        event(EventType.REPOST, PIECE, Channel.WECHAT, "outlet_toutiao", 3_700)
            .outlet("今日头条")
            .build(),
        3_701);
    send(
        view(OTHER_PIECE, Channel.TV, "stb077400000001", null, 100).durationMs(400_000L).build(),
        3_900);
    // A retry, an old version replayed, and records to reject.
    raw(PIECE, view, 12, RecordKind.DUPLICATE);
    send(firstVersion, 40 * 60);
    raw(PIECE, new byte[] {0x00, 0x01, 0x02}, 60, RecordKind.MALFORMED);
    raw(
        PIECE,
        new byte[] {'{', '"', 'x', '"', ':', '1', '}', ' ', ' ', ' ', ' '},
        61,
        RecordKind.MALFORMED);
    raw(PIECE, Arrays.copyOf(view, view.length - 3), 62, RecordKind.MALFORMED);
    send(view(PIECE, Channel.WECHAT, "o_u9", null, 63).durationMs(-5L).build(), 64);
    send(view(PIECE, Channel.WECHAT, "o_u9", null, 3 * 86_400).build(), 65); // days ahead of now
    stream.sort(java.util.Comparator.comparingLong(OutgoingRecord::sendAtMillis));

    GeneratedStreamFacts facts = GeneratedStreamFacts.of(stream);

    Map<ArticleChannelMinute, Counts> minutes = facts.minuteCounts();
    assertThat(minutes.get(row(PIECE, Channel.WECHAT, 0)))
        .isEqualTo(new Counts(2, 1, 0, 0, 0, 30_000, 1));
    assertThat(minutes.get(row(PIECE, Channel.APP, 1)))
        .isEqualTo(new Counts(1, 0, 0, 0, 0, 60_000, 1));
    assertThat(minutes.get(row(PIECE, Channel.WEBSITE, 1)))
        .isEqualTo(new Counts(1, 0, 0, 0, 0, 0, 0));
    assertThat(minutes.get(row(PIECE, Channel.WECHAT, 7)))
        .isEqualTo(new Counts(1, 0, 0, 1, 1, 0, 0));
    assertThat(minutes.get(row(PIECE, Channel.WEBSITE, 60)))
        .isEqualTo(new Counts(0, 0, 1, 0, 0, 0, 0));
    assertThat(minutes).hasSize(9);
    assertThat(minutes.keySet().iterator().next().shanghaiMinute())
        .isEqualTo(LocalDateTime.of(2024, 3, 4, 10, 0));

    assertThat(facts.totals()).isEqualTo(new Counts(6, 3, 2, 1, 1, 490_000, 3));
    assertThat(facts.articleTotals(PIECE)).isEqualTo(new Counts(5, 3, 2, 1, 1, 90_000, 2));
    assertThat(facts.totalsByChannel().get(Channel.TV).views()).isEqualTo(1);
    assertThat(facts.reach(PIECE)).as("o_u1 twice, dy0000001 on two channels, o_u2").isEqualTo(3);
    assertThat(facts.reachByArticle()).containsEntry(OTHER_PIECE, 1L);
    assertThat(facts.overallReach()).isEqualTo(4);
    assertThat(facts.cascadeDepth(PIECE)).isEqualTo(3);
    assertThat(facts.cascadeDepth(OTHER_PIECE)).isZero();
    assertThat(facts.outlets(PIECE)).containsExactly("今日头条", "新华网");

    assertThat(facts.duplicatesDropped()).isEqualTo(1);
    assertThat(facts.rejectedEvents())
        .containsOnly(
            Map.entry(RejectReason.TOO_SHORT, 1L),
            Map.entry(RejectReason.BAD_MARKER, 1L),
            Map.entry(RejectReason.TRUNCATED_BODY, 1L),
            Map.entry(RejectReason.INVALID_VALUE, 2L));
    assertThat(facts.rejectedEventCount()).isEqualTo(5);
    assertThat(facts.rejectedArticles()).isEmpty();
    assertThat(facts.events()).hasSize(13);

    assertThat(facts.latestArticles()).containsOnlyKeys(PIECE);
    assertThat(facts.latestArticles().get(PIECE)).isEqualTo(correction);
  }

  @Test
  void shouldCountRejectsAndRepeatsInTheMinuteTheyWereSent() {
    byte[] view = send(view(PIECE, Channel.WECHAT, "o_u1", null, 10).build(), 11);
    raw(PIECE, view, 200, RecordKind.DUPLICATE); // a retry three minutes later: minute 3
    raw(PIECE, view, 230, RecordKind.DUPLICATE);
    raw(PIECE, new byte[] {0x00, 0x01, 0x02}, 59, RecordKind.MALFORMED);
    raw(PIECE, new byte[] {0x00, 0x01, 0x02}, 60, RecordKind.MALFORMED);
    send(view(PIECE, Channel.WECHAT, "o_u9", null, 63).durationMs(-5L).build(), 64);
    stream.add(
        new OutgoingRecord(
            Topics.ARTICLES,
            PIECE.getBytes(StandardCharsets.UTF_8),
            new byte[] {0x00},
            TEN.plusSeconds(61).toEpochMilli(),
            RecordKind.MALFORMED));

    GeneratedStreamFacts facts = GeneratedStreamFacts.of(stream);

    assertThat(facts.qualityMinutes())
        .containsExactly(
            Map.entry(quality(0, Topics.EVENTS, "rejected", "TOO_SHORT"), 1L),
            Map.entry(quality(1, Topics.ARTICLES, "rejected", "TOO_SHORT"), 1L),
            Map.entry(quality(1, Topics.EVENTS, "rejected", "INVALID_VALUE"), 1L),
            Map.entry(quality(1, Topics.EVENTS, "rejected", "TOO_SHORT"), 1L),
            Map.entry(quality(3, Topics.EVENTS, "duplicate", "duplicate_event_id"), 2L));
    assertThat(facts.duplicatesDropped()).isEqualTo(2);
  }

  @Test
  void shouldHangAShareThroughAnUnseenShareFromTheRoot() {
    send(
        event(EventType.SHARE, PIECE, Channel.WECHAT, "o_u1", 0)
            .shareId("s9")
            .viaShareId("lost")
            .build(),
        1);
    // A share of another article is not a parent either.
    send(event(EventType.SHARE, OTHER_PIECE, Channel.WECHAT, "o_u2", 5).shareId("x1").build(), 6);
    send(share(PIECE, "s10", "x1", 10), 11);

    GeneratedStreamFacts facts = GeneratedStreamFacts.of(stream);

    assertThat(facts.cascadeDepth(PIECE)).isEqualTo(1);
    assertThat(facts.orphanShares()).containsExactly("s10", "s9");
    assertThat(facts.cascadeShares().get("s9"))
        .isEqualTo(new CascadeShare(PIECE, "s9", null, "lost", 1, Channel.WECHAT, TEN));
    assertThat(facts.spreadByArticle().get(PIECE).sharesPerGeneration()).containsExactly(2L);
  }

  @Test
  void shouldBuildDomainMdsExampleCascadeWhateverOrderItArrives() {
    // root→s1→s2 and root→s3; s2 arrives before its parent s1.
    send(share(PIECE, "s2", "s1", 120), 121);
    send(share(PIECE, "s1", null, 60), 300);
    send(share(PIECE, "s3", null, 90), 91);

    GeneratedStreamFacts facts = GeneratedStreamFacts.of(stream);
    ArticleSpread spread = facts.spreadByArticle().get(PIECE);

    assertThat(spread.cascadeShares()).isEqualTo(3);
    assertThat(spread.maxDepth()).isEqualTo(2);
    assertThat(spread.sharesPerGeneration()).containsExactly(2L, 1L);
    assertThat(spread.meanDepth()).isCloseTo(4.0 / 3, within(1e-12));
    assertThat(spread.structuralVirality()).isCloseTo(10.0 / 6, within(1e-12));
    assertThat(facts.cascadeDepth(PIECE)).isEqualTo(2);
    assertThat(facts.cascadeShares().get("s2").parentShareId()).isEqualTo("s1");
    assertThat(facts.cascadeShares().get("s2").generation()).isEqualTo(2);
    assertThat(facts.cascadeShares().get("s1").parentShareId()).isNull();
    assertThat(facts.cascadeShares().get("s3").eventTime()).isEqualTo(TEN.plusSeconds(90));
    assertThat(facts.orphanShares()).isEmpty();
  }

  @Test
  void shouldMeasureAChainOfFourShares() {
    // root→a→b→c→d: pairs at distance 1 (4), 2 (3), 3 (2), 4 (1): 20 / 10.
    send(share(PIECE, "a", null, 10), 11);
    send(share(PIECE, "b", "a", 20), 21);
    send(share(PIECE, "c", "b", 30), 31);
    send(share(PIECE, "d", "c", 40), 41);

    ArticleSpread spread = GeneratedStreamFacts.of(stream).spreadByArticle().get(PIECE);

    assertThat(spread.maxDepth()).isEqualTo(4);
    assertThat(spread.sharesPerGeneration()).containsExactly(1L, 1L, 1L, 1L);
    assertThat(spread.meanDepth()).isEqualTo(2.5);
    assertThat(spread.structuralVirality()).isEqualTo(2.0);
  }

  @Test
  void shouldKeepTheFirstReceivedOfTwoSharesWithOneIdAndCutALoop() {
    send(share(PIECE, "a", null, 10), 11);
    send(share(PIECE, "a", "zzz", 12), 13); // same share_id again: the first one wins
    send(share(PIECE, "p", "q", 20), 21); // p and q name each other: only hand-made input can
    send(share(PIECE, "q", "p", 30), 31);

    GeneratedStreamFacts facts = GeneratedStreamFacts.of(stream);
    ArticleSpread spread = facts.spreadByArticle().get(PIECE);

    assertThat(spread.cascadeShares()).isEqualTo(3);
    assertThat(spread.countedShares()).isEqualTo(4);
    assertThat(facts.cascadeShares().get("a").viaShareId()).isNull();
    assertThat(facts.cascadeShares().get("p").parentShareId()).as("cut: first received").isNull();
    assertThat(facts.cascadeShares().get("q").parentShareId()).isEqualTo("p");
    assertThat(spread.sharesPerGeneration()).containsExactly(2L, 1L);
  }

  @Test
  void shouldTakeTheGreaterOfCountedViewsAndTheLatestReport() {
    LocalDate monday = LocalDate.of(2024, 3, 4);
    for (int i = 0; i < 5; i++) {
      send(view(PIECE, Channel.WECHAT, "o_u" + i, null, 60L * i).build(), 60L * i + 1);
    }
    for (int i = 0; i < 3; i++) {
      send(view(PIECE, Channel.APP, "dev_" + i, null, 60L * i).build(), 60L * i + 1);
    }
    send(event(EventType.LIKE, PIECE, Channel.WECHAT, "o_u1", 100).build(), 101);
    send(event(EventType.LIKE, PIECE, Channel.WECHAT, "o_u2", 100).build(), 101);
    send(share(PIECE, "s1", null, 200), 201);
    send(
        event(EventType.REPOST, PIECE, Channel.WEBSITE, "outlet_163", 400).outlet("网易").build(),
        401);
    // WECHAT Monday: the platform saw more views (8 > 5) but fewer likes (1 < 2).
    sendReport(report("wx-01", PIECE, Channel.WECHAT, monday, 22 * 3_600, 8, 3, 1, 4), 23 * 3_600);
    // APP Monday: below the 3 counted views.
    sendReport(report("wx-02", PIECE, Channel.APP, monday, 22 * 3_600, 1, 0, 0, 0), 23 * 3_600);
    // WECHAT Sunday: no events at all that day; the report alone counts.
    sendReport(report("wx-03", PIECE, Channel.WECHAT, monday.minusDays(1), 0, 7, 0, 2, 0), 3_600);
    // A piece known only from its platform report.
    sendReport(
        report("wx-04", OTHER_PIECE, Channel.WECHAT, monday, 22 * 3_600, 2, 0, 0, 0), 23 * 3_600);
    stream.sort(java.util.Comparator.comparingLong(OutgoingRecord::sendAtMillis));

    GeneratedStreamFacts facts = GeneratedStreamFacts.of(stream);
    ArticleSpread spread = facts.spreadByArticle().get(PIECE);

    assertThat(spread.countedViews()).isEqualTo(8);
    assertThat(spread.views()).as("WECHAT Mon 8 + WECHAT Sun 7 + APP Mon 3").isEqualTo(18);
    assertThat(spread.directViews()).isEqualTo(8);
    assertThat(spread.viaShareViews()).isZero();
    assertThat(spread.reach()).isEqualTo(8);
    assertThat(spread.likes()).as("WECHAT Mon max(2, 1) + WECHAT Sun 2").isEqualTo(4);
    assertThat(spread.shares()).as("WECHAT Mon max(1, 3)").isEqualTo(3);
    assertThat(spread.countedShares()).isEqualTo(1);
    assertThat(spread.comments()).isEqualTo(4);
    assertThat(spread.reposts()).isEqualTo(1);
    assertThat(spread.engagements()).isEqualTo(4 + 4 + 3 + 1);
    assertThat(spread.outlets()).isEqualTo(1);
    assertThat(spread.firstRepostAt()).isEqualTo(TEN.plusSeconds(400));
    assertThat(spread.channels()).isEqualTo(2);
    assertThat(facts.spreadByArticle().get(OTHER_PIECE))
        .isEqualTo(
            new ArticleSpread(
                2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, 0, 0.0, List.of(), 0.0, 1));
  }

  @Test
  void shouldLetTheLatestAsOfWinWhateverOrderReportsArrive() {
    LocalDate monday = LocalDate.of(2024, 3, 4);
    PlatformCount morning = report("wx-01", PIECE, Channel.WECHAT, monday, 22 * 3_600, 10, 1, 1, 1);
    PlatformCount evening = report("wx-02", PIECE, Channel.WECHAT, monday, 34 * 3_600, 12, 1, 1, 1);
    PlatformCount tieLow = report("wx-03", PIECE, Channel.APP, monday, 30 * 3_600, 5, 0, 0, 0);
    PlatformCount tieHigh = report("wx-04", PIECE, Channel.APP, monday, 30 * 3_600, 4, 0, 0, 0);
    sendReport(evening, 34 * 3_600 + 60);
    sendReport(morning, 35 * 3_600); // stale: arrives last
    sendReport(tieHigh, 30 * 3_600 + 60);
    sendReport(tieLow, 31 * 3_600);
    sendReport(evening, 36 * 3_600); // a re-delivery changes nothing
    // Rejected: negative views; taken before its day began; a day ahead of the send time.
    sendReport(report("wx-05", PIECE, Channel.WECHAT, monday, 40 * 3_600, -1, 0, 0, 0), 41 * 3_600);
    sendReport(
        report("wx-06", PIECE, Channel.WECHAT, monday, -11 * 3_600, 99, 0, 0, 0), 41 * 3_600);
    sendReport(report("wx-07", PIECE, Channel.WECHAT, monday, 60 * 3_600, 99, 0, 0, 0), 10 * 3_600);
    stream.add(
        new OutgoingRecord(
            Topics.PLATFORM_COUNTS,
            PIECE.getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xC3, 0x01, 1},
            TEN.toEpochMilli(),
            RecordKind.MALFORMED));
    stream.sort(java.util.Comparator.comparingLong(OutgoingRecord::sendAtMillis));

    GeneratedStreamFacts facts = GeneratedStreamFacts.of(stream);

    assertThat(facts.latestPlatformCounts())
        .containsExactly(
            Map.entry(new PlatformDay(PIECE, Channel.WECHAT, monday), evening),
            Map.entry(new PlatformDay(PIECE, Channel.APP, monday), tieHigh));
    assertThat(facts.rejectedPlatformCounts())
        .containsOnly(
            Map.entry(RejectReason.INVALID_VALUE, 3L), Map.entry(RejectReason.TOO_SHORT, 1L));
    assertThat(facts.spreadByArticle().get(PIECE).views()).isEqualTo(12 + 4);
    assertThat(facts.rejectedEventCount()).isZero();
  }

  @Test
  void shouldKnowEveryRawIdTheGeneratedDaySends() throws Exception {
    GeneratedStreamFacts facts = GeneratedStreams.defaultDayFacts();
    for (DisseminationEvent event : facts.events()) {
      assertThat(facts.personalIds()).contains(event.userId());
      if (event.personId() != null) {
        assertThat(facts.personalIds()).contains(event.personId());
      }
    }
    // A record that does not decode is made from an event the stream sends too: the JSON ones
    // name their user_id in clear, and it is known.
    int json = 0;
    for (OutgoingRecord record : GeneratedStreams.defaultDay()) {
      if (record.kind() == RecordKind.MALFORMED && record.value()[0] == '{') {
        String userId =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(record.value())
                .get("user_id")
                .asText();
        assertThat(facts.personalIds()).contains(userId);
        json++;
      }
    }
    assertThat(json).as("JSON records in the day").isPositive();
    assertThat(facts.personalIds())
        .anyMatch(id -> id.startsWith("dy"))
        .anyMatch(id -> id.startsWith("stb"));
  }

  @Test
  void shouldFindNoOrphanSharesAndSomeDeepCascadesInTheGeneratedDay() {
    GeneratedStreamFacts facts = GeneratedStreams.defaultDayFacts();

    assertThat(facts.orphanShares()).isEmpty();
    assertThat(facts.cascadeShares()).isNotEmpty();
    assertThat(facts.cascadeShares().values())
        .allSatisfy(
            s ->
                assertThat(s.parentShareId())
                    .as("a generated share's parent is its via share")
                    .isEqualTo(s.viaShareId()));
    assertThat(facts.spreadByArticle().values())
        .anyMatch(a -> a.maxDepth() >= 3 && a.structuralVirality() > 2.0);
    facts
        .spreadByArticle()
        .forEach(
            (id, spread) -> {
              assertThat(spread.countedViews()).isEqualTo(facts.articleTotals(id).views());
              assertThat(spread.countedShares()).isEqualTo(facts.articleTotals(id).shares());
              assertThat(spread.directViews() + spread.viaShareViews())
                  .isEqualTo(spread.countedViews());
              assertThat(spread.views()).isGreaterThanOrEqualTo(spread.countedViews());
              assertThat(spread.sharesPerGeneration().stream().mapToLong(Long::longValue).sum())
                  .isEqualTo(spread.cascadeShares());
              assertThat(spread.reach()).isEqualTo(facts.reach(id));
            });
  }

  private DisseminationEvent share(
      String article, String shareId, String via, long secondsAfterTen) {
    return event(EventType.SHARE, article, Channel.WECHAT, "o_" + shareId, secondsAfterTen)
        .shareId(shareId)
        .viaShareId(via)
        .build();
  }

  /** A report as of {@code asOfSecondsAfterTen} (Monday 10:00 Shanghai + that). */
  private static PlatformCount report(
      String id,
      String article,
      Channel channel,
      LocalDate day,
      long asOfSecondsAfterTen,
      long views,
      long shares,
      long likes,
      long comments) {
    return new PlatformCount(
        id,
        article,
        channel,
        day,
        TEN.plusSeconds(asOfSecondsAfterTen),
        views,
        shares,
        likes,
        comments);
  }

  private void sendReport(PlatformCount report, long sentSecondsAfterTen) {
    stream.add(
        new OutgoingRecord(
            Topics.PLATFORM_COUNTS,
            report.articleId().getBytes(StandardCharsets.UTF_8),
            platformCounts.encode(report.toGenericRecord(platformCounts.schema())),
            TEN.plusSeconds(sentSecondsAfterTen).toEpochMilli(),
            RecordKind.PLATFORM_COUNT));
  }

  private static QualityMinute quality(int minute, String topic, String outcome, String reason) {
    return new QualityMinute(TEN.plusSeconds(60L * minute), topic, outcome, reason);
  }

  private static ArticleChannelMinute row(String article, Channel channel, int minute) {
    return new ArticleChannelMinute(article, channel, TEN.plusSeconds(60L * minute));
  }

  private Article article(String title, int savedMinutesAfterTen) {
    return new Article(
        PIECE,
        title,
        "hz",
        "我是党员",
        ContentType.ARTICLE,
        "hz_huangli",
        TEN,
        TEN.plusSeconds(60L * savedMinutesAfterTen));
  }

  private DisseminationEvent.Builder view(
      String article, Channel channel, String user, String person, long secondsAfterTen) {
    return event(EventType.VIEW, article, channel, user, secondsAfterTen).personId(person);
  }

  private DisseminationEvent.Builder event(
      EventType type, String article, Channel channel, String user, long secondsAfterTen) {
    return DisseminationEvent.builder()
        .eventId("e" + ++ids)
        .eventType(type)
        .eventTime(TEN.plusSeconds(secondsAfterTen))
        .articleId(article)
        .channel(channel)
        .userId(user);
  }

  private byte[] send(DisseminationEvent event, long sentSecondsAfterTen) {
    byte[] bytes = events.encode(event.toGenericRecord(events.schema()));
    raw(event.articleId(), bytes, sentSecondsAfterTen, RecordKind.EVENT);
    return bytes;
  }

  private void send(Article article, long sentSecondsAfterTen) {
    stream.add(
        new OutgoingRecord(
            Topics.ARTICLES,
            article.articleId().getBytes(StandardCharsets.UTF_8),
            articles.encode(article.toGenericRecord(articles.schema())),
            TEN.plusSeconds(sentSecondsAfterTen).toEpochMilli(),
            RecordKind.ARTICLE));
  }

  private void raw(String key, byte[] value, long sentSecondsAfterTen, RecordKind kind) {
    stream.add(
        new OutgoingRecord(
            Topics.EVENTS,
            key.getBytes(StandardCharsets.UTF_8),
            value,
            TEN.plusSeconds(sentSecondsAfterTen).toEpochMilli(),
            kind));
  }
}
