package org.chuanbo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.junit.jupiter.api.Test;

/** The default day has the faults of a real stream, at their rates (DOMAIN.md). */
class DeliveryFaultsTest {

  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;

  private final List<OutgoingRecord> records = GeneratedStreams.defaultDay();

  @Test
  void shouldDecodeAndValidateEveryEventAndArticleAtItsSendTime() {
    for (OutgoingRecord r : records) {
      switch (r.kind()) {
        case ARTICLE -> {
          assertThat(r.topic()).isEqualTo(Topics.ARTICLES);
          var article = GeneratedStreams.article(r);
          assertThat(article.validate(Instant.ofEpochMilli(r.sendAtMillis()))).isEmpty();
          assertThat(article.articleId()).isEqualTo(r.keyText());
        }
        case EVENT, DUPLICATE -> {
          assertThat(r.topic()).isEqualTo(Topics.EVENTS);
          assertThat(GeneratedStreams.rejection(r)).as("%s", r).isNull();
          assertThat(GeneratedStreams.event(r).articleId()).isEqualTo(r.keyText());
        }
        case PLATFORM_COUNT, PLATFORM_COUNT_DUPLICATE -> {
          assertThat(r.topic()).isEqualTo(Topics.PLATFORM_COUNTS);
          assertThat(GeneratedStreams.platformRejection(r)).as("%s", r).isNull();
          assertThat(GeneratedStreams.platformCount(r).articleId()).isEqualTo(r.keyText());
        }
        case MALFORMED -> assertThat(r.topic()).isIn(Topics.EVENTS, Topics.PLATFORM_COUNTS);
      }
    }
  }

  @Test
  void shouldRejectEveryMalformedRecordForManyReasons() {
    List<OutgoingRecord> malformed =
        records.stream()
            .filter(r -> r.kind() == RecordKind.MALFORMED && r.topic().equals(Topics.EVENTS))
            .toList();
    long events = StreamGeneratorTest.count(records, RecordKind.EVENT);

    assertThat((double) malformed.size() / events).isBetween(0.0005, 0.002);
    Map<String, Long> reasons =
        malformed.stream()
            .collect(
                Collectors.groupingBy(
                    r -> String.valueOf(GeneratedStreams.rejection(r)),
                    TreeMap::new,
                    Collectors.counting()));
    assertThat(reasons).doesNotContainKey("null");
    assertThat(reasons.keySet())
        .contains("BAD_MARKER", "UNKNOWN_SCHEMA", "WRONG_RECORD", "INVALID_VALUE", "MISSING_VALUE")
        .containsAnyOf("TRUNCATED_BODY", "TOO_SHORT");
    assertThat(GeneratedStreams.defaultDayFacts().rejectedEventCount()).isEqualTo(malformed.size());
  }

  @Test
  void shouldRejectEveryMalformedPlatformReport() {
    List<OutgoingRecord> malformed =
        records.stream()
            .filter(
                r -> r.kind() == RecordKind.MALFORMED && r.topic().equals(Topics.PLATFORM_COUNTS))
            .toList();
    long reports = StreamGeneratorTest.count(records, RecordKind.PLATFORM_COUNT);

    assertThat(malformed).isNotEmpty();
    assertThat((double) malformed.size() / reports).isBetween(0.003, 0.06);
    assertThat(malformed)
        .allSatisfy(r -> assertThat(GeneratedStreams.platformRejection(r)).isNotNull());
    assertThat(
            GeneratedStreams.defaultDayFacts().rejectedPlatformCounts().values().stream()
                .mapToLong(Long::longValue)
                .sum())
        .isEqualTo(malformed.size());
  }

  @Test
  void shouldResendOneToTwoPercentOfEventsWithTheSameBytesAndId() {
    Map<String, OutgoingRecord> firstById = new HashMap<>();
    long duplicates = 0;
    for (OutgoingRecord r : records) {
      if (r.kind() == RecordKind.EVENT) {
        assertThat(firstById.put(GeneratedStreams.event(r).eventId(), r)).as("unique id").isNull();
      } else if (r.kind() == RecordKind.DUPLICATE) {
        duplicates++;
        OutgoingRecord original = firstById.get(GeneratedStreams.event(r).eventId());
        assertThat(original).as("a duplicate repeats an event sent before it").isNotNull();
        assertThat(r.value()).isEqualTo(original.value());
        assertThat(r.sendAtMillis() - original.sendAtMillis()).isBetween(0L, 2 * MINUTE);
      }
    }
    assertThat((double) duplicates / firstById.size()).isBetween(0.01, 0.02);
    assertThat(GeneratedStreams.defaultDayFacts().duplicatesDropped()).isEqualTo(duplicates);
  }

  @Test
  void shouldSendSomeEventsMinutesToHoursLate() {
    long notTv = 0;
    long late = 0;
    long hoursLate = 0;
    for (OutgoingRecord r : records) {
      if (r.kind() != RecordKind.EVENT) {
        continue;
      }
      DisseminationEvent e = GeneratedStreams.event(r);
      if (e.channel() == Channel.TV) {
        continue;
      }
      notTv++;
      long lag = r.sendAtMillis() - e.eventTime().toEpochMilli();
      if (lag >= 2 * MINUTE) {
        late++;
      }
      if (lag >= HOUR) {
        hoursLate++;
      }
    }
    assertThat((double) late / notTv).isBetween(0.01, 0.03);
    assertThat(hoursLate).isPositive();
  }

  @Test
  void shouldDeliverTvPlaysInHourlyBatches() {
    Map<Long, long[]> sendWindowByHour = new TreeMap<>();
    for (OutgoingRecord r : records) {
      if (r.kind() != RecordKind.EVENT) {
        continue;
      }
      DisseminationEvent e = GeneratedStreams.event(r);
      if (e.channel() != Channel.TV) {
        continue;
      }
      long hour = Math.floorDiv(e.eventTime().toEpochMilli(), HOUR) * HOUR;
      long sinceHour = r.sendAtMillis() - hour;
      assertThat(sinceHour).isBetween(HOUR + 3 * MINUTE, HOUR + 8 * MINUTE + 15_000);
      long[] window =
          sendWindowByHour.computeIfAbsent(hour, h -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      window[0] = Math.min(window[0], r.sendAtMillis());
      window[1] = Math.max(window[1], r.sendAtMillis());
    }
    assertThat(sendWindowByHour).hasSizeGreaterThan(10);
    assertThat(sendWindowByHour.values()).allMatch(w -> w[1] - w[0] <= 15_000);
  }

  @Test
  void shouldLetSomeEventsArriveBeforeTheirArticle() {
    Map<String, Long> articleSentAt = new HashMap<>();
    for (OutgoingRecord r : records) {
      if (r.kind() == RecordKind.ARTICLE) {
        articleSentAt.putIfAbsent(r.keyText(), r.sendAtMillis());
      }
    }
    long early = 0;
    long events = 0;
    for (OutgoingRecord r : records) {
      if (r.kind() == RecordKind.EVENT) {
        events++;
        if (r.sendAtMillis() < articleSentAt.get(r.keyText())) {
          early++;
        }
      }
    }
    assertThat(early).isPositive();
    assertThat((double) early / events).as("most events come after their article").isLessThan(0.05);
  }

  @Test
  void shouldLetSomeViewsThroughAShareArriveBeforeTheShare() {
    Map<String, Long> shareSentAt = new HashMap<>();
    Map<String, Long> firstViaSentAt = new HashMap<>();
    for (OutgoingRecord r : records) {
      if (r.kind() != RecordKind.EVENT) {
        continue;
      }
      DisseminationEvent e = GeneratedStreams.event(r);
      if (e.eventType() == EventType.SHARE) {
        shareSentAt.put(e.shareId(), r.sendAtMillis());
      } else if (e.viaShareId() != null) {
        firstViaSentAt.putIfAbsent(e.viaShareId(), r.sendAtMillis());
      }
    }
    Set<String> early =
        firstViaSentAt.entrySet().stream()
            .filter(v -> v.getValue() < shareSentAt.getOrDefault(v.getKey(), Long.MAX_VALUE))
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    assertThat(early).isNotEmpty();
  }
}
