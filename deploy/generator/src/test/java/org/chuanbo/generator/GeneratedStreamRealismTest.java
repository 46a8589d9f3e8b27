package org.chuanbo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.chuanbo.generator.GeneratedStreamFacts.Counts;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.junit.jupiter.api.Test;

/** The default day looks like the centre's real traffic (DOMAIN.md). */
class GeneratedStreamRealismTest {

  private final GeneratedStreamFacts facts = GeneratedStreams.defaultDayFacts();

  @Test
  void shouldWriteChineseTitlesInTheCentresSeries() {
    List<Article> articles = List.copyOf(facts.latestArticles().values());

    assertThat(articles).allSatisfy(a -> assertThat(cjkShare(a.title())).isGreaterThan(0.6));
    assertThat(articles)
        .extracting(Article::series)
        .contains("我是党员", "第一书记", "《党旗如画》", "党员远程教育")
        .containsNull();
    assertThat(articles).extracting(Article::editor).allMatch(e -> e.matches("[a-z]{2}_[a-z]+"));
    assertThat(articles)
        .extracting(Article::contentType)
        .contains(ContentType.ARTICLE, ContentType.VIDEO, ContentType.COURSE);
  }

  @Test
  void shouldPublishMostFromTheCityOffice() {
    Map<String, Long> byOffice =
        facts.latestArticles().values().stream()
            .collect(Collectors.groupingBy(Article::office, Collectors.counting()));

    assertThat(byOffice).containsOnlyKeys("hz", "bb", "pg", "zs", "zp", "fc");
    long hz = byOffice.get("hz");
    assertThat(byOffice.values()).allMatch(n -> n <= hz);
  }

  @Test
  void shouldGiveMostViewsToAHandfulOfPieces() {
    List<Long> views =
        facts.latestArticles().keySet().stream()
            .map(id -> facts.articleTotals(id).views())
            .sorted(Comparator.reverseOrder())
            .toList();
    long total = views.stream().mapToLong(Long::longValue).sum();
    long topTenth = views.stream().limit(views.size() / 10).mapToLong(Long::longValue).sum();

    assertThat((double) topTenth / total).isGreaterThan(0.35);
    assertThat(views.get(0)).isGreaterThan(20 * views.get(views.size() / 2));
  }

  @Test
  void shouldBeQuietAtNightAndBusyAtBreakfastAndInTheEvening() {
    long[] byHour = new long[24];
    for (DisseminationEvent e : facts.events()) {
      byHour[LocalDateTime.ofInstant(e.eventTime(), GeneratorSettings.SHANGHAI).getHour()]++;
    }
    long night = byHour[2] + byHour[3] + byHour[4];
    long total = facts.events().size();

    assertThat((double) night / total).isLessThan(0.01);
    assertThat(byHour[9]).isGreaterThan(10 * byHour[3]);
    assertThat(byHour[20]).isGreaterThan(10 * byHour[3]);
  }

  @Test
  void shouldReadMostWeChatPiecesSoonAfterTheyGoOut() {
    Map<String, Article> articles = facts.latestArticles();
    long early = 0;
    long all = 0;
    for (DisseminationEvent e : facts.events()) {
      Article article = articles.get(e.articleId());
      if (e.channel() == Channel.WECHAT
          && e.eventType() == EventType.VIEW
          && !article.publishedAt().isBefore(GeneratedStreams.DEFAULT_DAY.periodStart())) {
        all++;
        if (e.eventTime().toEpochMilli() - article.publishedAt().toEpochMilli() < 6 * 3_600_000L) {
          early++;
        }
      }
    }
    assertThat((double) early / all).isGreaterThan(0.6);
  }

  @Test
  void shouldCoverEveryEventTypeAndChannelWithWeChatFirst() {
    Map<Channel, Counts> byChannel = facts.totalsByChannel();

    assertThat(byChannel.keySet())
        .containsExactlyInAnyOrder(
            Channel.WECHAT,
            Channel.WEBSITE,
            Channel.APP,
            Channel.TV,
            Channel.RADIO,
            Channel.REMOTE_EDU);
    long wechat = byChannel.get(Channel.WECHAT).views();
    assertThat(byChannel.values()).allMatch(c -> c.views() > 0 && c.views() <= wechat);
    assertThat((double) wechat / facts.totals().views()).isBetween(0.45, 0.85);
    assertThat(facts.events())
        .extracting(DisseminationEvent::eventType)
        .contains(
            EventType.VIEW, EventType.SHARE, EventType.REPOST, EventType.LIKE, EventType.COMMENT);
  }

  @Test
  void shouldReportPlayTimesOfTvRadioAndCourses() {
    for (Channel channel : List.of(Channel.TV, Channel.RADIO, Channel.REMOTE_EDU)) {
      Counts counts = facts.totalsByChannel().get(channel);
      assertThat(counts.engagedCount()).as("%s", channel).isEqualTo(counts.views());
      assertThat(counts.engagedMsSum() / counts.engagedCount())
          .as("%s", channel)
          .isGreaterThan(60_000);
    }
    assertThat(facts.events())
        .filteredOn(e -> e.channel() == Channel.TV && e.eventType() == EventType.VIEW)
        .allSatisfy(e -> assertThat(e.terminal()).hasToString("TV"));
  }

  @Test
  void shouldReachFewerPeopleThanViewsAndKnowSomeAcrossChannels() {
    assertThat(facts.overallReach()).isLessThan(facts.totals().views());
    long piecesWithRepeatViewers =
        facts.reachByArticle().entrySet().stream()
            .filter(e -> e.getValue() < facts.articleTotals(e.getKey()).views())
            .count();
    assertThat(piecesWithRepeatViewers).isGreaterThan(facts.reachByArticle().size() / 2);

    Map<String, Set<Channel>> channelsOfPerson = new HashMap<>();
    for (DisseminationEvent e : facts.events()) {
      if (e.personId() != null) {
        channelsOfPerson.computeIfAbsent(e.personId(), p -> new HashSet<>()).add(e.channel());
      }
    }
    assertThat(channelsOfPerson).isNotEmpty();
    assertThat(channelsOfPerson.values()).anyMatch(channels -> channels.size() >= 2);
    assertThat(facts.events()).anyMatch(e -> e.region() != null).anyMatch(e -> e.region() == null);
  }

  @Test
  void shouldBuildShareCascadesThreeLevelsDeep() {
    int deepest =
        facts.latestArticles().keySet().stream().mapToInt(facts::cascadeDepth).max().orElse(0);
    long deepPieces =
        facts.latestArticles().keySet().stream().filter(id -> facts.cascadeDepth(id) >= 3).count();

    assertThat(deepest).isGreaterThanOrEqualTo(3);
    assertThat(deepPieces).isGreaterThanOrEqualTo(5);
    assertThat(facts.events())
        .filteredOn(e -> e.eventType() == EventType.VIEW && e.viaShareId() != null)
        .hasSizeGreaterThan(facts.events().size() / 20);
    assertThat(facts.events())
        .filteredOn(e -> e.eventType() == EventType.SHARE)
        .allSatisfy(e -> assertThat(e.shareId()).isNotBlank());
  }

  @Test
  void shouldHaveOutletsRepostPopularPieces() {
    Set<String> outlets =
        facts.events().stream()
            .filter(e -> e.eventType() == EventType.REPOST)
            .map(DisseminationEvent::outlet)
            .collect(Collectors.toSet());

    assertThat(outlets).isNotEmpty();
    assertThat(Reposts.OUTLETS.stream().map(Reposts.Outlet::name)).containsAll(outlets);
    long repostedPieces =
        facts.latestArticles().keySet().stream().filter(id -> !facts.outlets(id).isEmpty()).count();
    assertThat(repostedPieces).isGreaterThanOrEqualTo(3);
  }

  @Test
  void shouldCorrectSomeTitlesInASecondVersion() {
    Map<String, List<Article>> versions =
        GeneratedStreams.defaultDay().stream()
            .filter(r -> r.kind() == RecordKind.ARTICLE)
            .map(GeneratedStreams::article)
            .collect(Collectors.groupingBy(Article::articleId));
    List<List<Article>> corrected = versions.values().stream().filter(v -> v.size() == 2).toList();

    assertThat(corrected).isNotEmpty();
    assertThat(corrected)
        .allSatisfy(
            v -> {
              Article first = v.stream().min(Comparator.comparing(Article::updatedAt)).get();
              Article second = v.stream().max(Comparator.comparing(Article::updatedAt)).get();
              assertThat(second.updatedAt()).isAfter(first.updatedAt());
              assertThat(second.title()).isNotEqualTo(first.title());
              assertThat(facts.latestArticles().get(second.articleId())).isEqualTo(second);
            });
  }

  private static double cjkShare(String text) {
    long cjk =
        text.codePoints()
            .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
            .count();
    return (double) cjk / text.codePointCount(0, text.length());
  }
}
