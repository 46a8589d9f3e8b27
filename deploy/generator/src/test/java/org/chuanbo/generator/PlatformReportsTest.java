package org.chuanbo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chuanbo.generator.GeneratedStreamFacts.PlatformDay;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.PlatformCount;
import org.junit.jupiter.api.Test;

/** The default day's WeChat platform reports (DOMAIN.md, "Platform-reported counts"). */
class PlatformReportsTest {

  private final List<OutgoingRecord> records = GeneratedStreams.defaultDay();
  private final GeneratedStreamFacts facts = GeneratedStreams.defaultDayFacts();

  /** Tracked WECHAT {views, shares, likes, comments} per (article, day), from the valid events. */
  private Map<PlatformDay, long[]> tracked() {
    Map<PlatformDay, long[]> tracked = new TreeMap<>();
    for (DisseminationEvent e : facts.events()) {
      if (e.channel() != Channel.WECHAT) {
        continue;
      }
      int type =
          switch (e.eventType()) {
            case VIEW -> 0;
            case SHARE -> 1;
            case LIKE -> 2;
            case COMMENT -> 3;
            default -> -1;
          };
      if (type >= 0) {
        PlatformDay key =
            new PlatformDay(
                e.articleId(),
                Channel.WECHAT,
                LocalDate.ofInstant(e.eventTime(), GeneratorSettings.SHANGHAI));
        tracked.computeIfAbsent(key, k -> new long[4])[type]++;
      }
    }
    tracked.values().removeIf(counts -> counts[0] == 0);
    return tracked;
  }

  /** Every first-sent report by (article, channel, day), in send order. */
  private Map<PlatformDay, List<OutgoingRecord>> sent() {
    Map<PlatformDay, List<OutgoingRecord>> sent = new TreeMap<>();
    for (OutgoingRecord r : records) {
      if (r.kind() == RecordKind.PLATFORM_COUNT) {
        PlatformCount report = GeneratedStreams.platformCount(r);
        sent.computeIfAbsent(
                new PlatformDay(report.articleId(), report.channel(), report.day()),
                k -> new ArrayList<>())
            .add(r);
      }
    }
    return sent;
  }

  @Test
  void shouldReportEveryWeChatDayWithViewsInThreeRevisionsTheNextDay() {
    Map<PlatformDay, long[]> tracked = tracked();
    Map<PlatformDay, List<OutgoingRecord>> sent = sent();

    assertThat(tracked).hasSizeGreaterThan(50);
    assertThat(sent.keySet()).isEqualTo(tracked.keySet());
    sent.forEach(
        (key, deliveries) -> {
          List<PlatformCount> reports =
              deliveries.stream()
                  .map(GeneratedStreams::platformCount)
                  .sorted(java.util.Comparator.comparing(PlatformCount::asOf))
                  .toList();
          assertThat(reports).hasSize(PlatformReports.REVISIONS);
          for (int k = 0; k < reports.size(); k++) {
            LocalDateTime asOf =
                LocalDateTime.ofInstant(reports.get(k).asOf(), GeneratorSettings.SHANGHAI);
            LocalDateTime nominal = key.day().plusDays(1).atTime(PlatformReports.AS_OF_TIMES[k]);
            assertThat(asOf).isBetween(nominal, nominal.plusMinutes(20));
            assertThat(asOf).isBefore(key.day().plusDays(1).atTime(LocalTime.of(23, 59)));
          }
        });
  }

  @Test
  void shouldReportOnlyWeChatWithIdsOfTheDocumentedShape() {
    List<PlatformCount> reports =
        records.stream()
            .filter(r -> r.kind() == RecordKind.PLATFORM_COUNT)
            .map(GeneratedStreams::platformCount)
            .toList();

    assertThat(reports).allMatch(r -> r.channel() == Channel.WECHAT);
    assertThat(reports).allMatch(r -> r.reportId().matches("wx-[0-9a-f]{16}"));
    assertThat(reports.stream().map(PlatformCount::reportId).distinct().count())
        .isEqualTo(reports.size());
    assertThat(records)
        .filteredOn(r -> r.topic().equals(Topics.PLATFORM_COUNTS))
        .allMatch(r -> r.kind() != RecordKind.PLATFORM_COUNT || sentAfterAsOf(r));
  }

  @Test
  void shouldSeeMoreThanTheCollectorsMostlyButFewerInAboutOneDayInTen() {
    Map<PlatformDay, long[]> tracked = tracked();
    long over = 0;
    long under = 0;
    for (var entry : facts.latestPlatformCounts().entrySet()) {
      long[] counted = tracked.get(entry.getKey());
      PlatformCount latest = entry.getValue();
      if (latest.views() < counted[0]) {
        under++;
        assertThat(latest.shares()).isLessThanOrEqualTo(counted[1]);
      } else {
        over++;
        assertThat(latest.views()).isLessThanOrEqualTo(Math.round(counted[0] * 1.6));
        assertThat(latest.likes()).isGreaterThanOrEqualTo(counted[2]);
      }
    }
    assertThat(under).isPositive();
    assertThat((double) under / (over + under)).isBetween(0.03, 0.2);
    assertThat(facts.latestPlatformCounts().values())
        .anyMatch(r -> r.views() > tracked.get(key(r))[0]);
  }

  @Test
  void shouldReviseTheCountsUpwards() {
    long revised = 0;
    for (List<OutgoingRecord> deliveries : sent().values()) {
      List<PlatformCount> reports =
          deliveries.stream()
              .map(GeneratedStreams::platformCount)
              .sorted(java.util.Comparator.comparing(PlatformCount::asOf))
              .toList();
      for (int k = 1; k < reports.size(); k++) {
        assertThat(reports.get(k).views()).isGreaterThanOrEqualTo(reports.get(k - 1).views());
        assertThat(reports.get(k).shares()).isGreaterThanOrEqualTo(reports.get(k - 1).shares());
      }
      PlatformCount first = reports.get(0);
      PlatformCount latest = facts.latestPlatformCounts().get(key(first));
      assertThat(latest.asOf()).isEqualTo(reports.get(reports.size() - 1).asOf());
      if (latest.views() != first.views()) {
        revised++;
      }
    }
    assertThat(revised).as("latest revisions that differ from the first").isGreaterThan(10);
  }

  @Test
  void shouldRedeliverSomeReportsWithTheSameBytes() {
    Map<String, OutgoingRecord> firstById = new HashMap<>();
    long redelivered = 0;
    for (OutgoingRecord r : records) {
      if (r.kind() == RecordKind.PLATFORM_COUNT) {
        firstById.put(GeneratedStreams.platformCount(r).reportId(), r);
      } else if (r.kind() == RecordKind.PLATFORM_COUNT_DUPLICATE) {
        redelivered++;
        OutgoingRecord original = firstById.get(GeneratedStreams.platformCount(r).reportId());
        assertThat(original).as("a re-delivery repeats a report sent before it").isNotNull();
        assertThat(Arrays.equals(r.value(), original.value())).isTrue();
        assertThat(r.sendAtMillis()).isGreaterThanOrEqualTo(original.sendAtMillis());
      }
    }
    assertThat(redelivered).isPositive();
    assertThat((double) redelivered / firstById.size()).isBetween(0.01, 0.12);
  }

  @Test
  void shouldLetAStaleRevisionArriveAfterTheNewerOneWithoutWinning() {
    long stale = 0;
    for (var entry : sent().entrySet()) {
      List<OutgoingRecord> deliveries = entry.getValue(); // send order
      PlatformCount lastArrived =
          GeneratedStreams.platformCount(deliveries.get(deliveries.size() - 1));
      PlatformCount latest = facts.latestPlatformCounts().get(entry.getKey());
      if (lastArrived.asOf().isBefore(latest.asOf())) {
        stale++;
        assertThat(latest).isNotEqualTo(lastArrived);
      }
    }
    assertThat(stale).isPositive();
  }

  @Test
  void shouldCountPlatformViewsWhereTheyExceedTheEvents() {
    Map<PlatformDay, long[]> tracked = tracked();
    Map<String, Long> expectedViews = new TreeMap<>();
    for (var entry : facts.spreadByArticle().entrySet()) {
      expectedViews.put(entry.getKey(), entry.getValue().countedViews());
    }
    facts
        .latestPlatformCounts()
        .forEach(
            (key, report) ->
                expectedViews.merge(
                    key.articleId(), Math.max(0, report.views() - tracked.get(key)[0]), Long::sum));

    assertThat(facts.spreadByArticle())
        .allSatisfy((id, spread) -> assertThat(spread.views()).isEqualTo(expectedViews.get(id)));
  }

  private static boolean sentAfterAsOf(OutgoingRecord r) {
    Instant asOf = GeneratedStreams.platformCount(r).asOf();
    return r.sendAtMillis() >= asOf.toEpochMilli();
  }

  private static PlatformDay key(PlatformCount r) {
    return new PlatformDay(r.articleId(), r.channel(), r.day());
  }
}
