package org.chuanbo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.chuanbo.generator.GeneratedStreamFacts.ArticleChannelMinute;
import org.chuanbo.generator.GeneratedStreamFacts.Counts;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
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
  void shouldCountAShareThroughAnUnseenShareAsTwoLevels() {
    send(
        event(EventType.SHARE, PIECE, Channel.WECHAT, "o_u1", 0)
            .shareId("s9")
            .viaShareId("lost")
            .build(),
        1);

    assertThat(GeneratedStreamFacts.of(stream).cascadeDepth(PIECE)).isEqualTo(2);
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
