package org.chuanbo.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamGeneratorTest {

  private static final GeneratorSettings SMALL_DAY = GeneratedStreams.DEFAULT_DAY.withRate(0.25);

  @TempDir Path dir;

  @Test
  void shouldGiveByteIdenticalStreamsForTheSameSeed() throws IOException {
    List<OutgoingRecord> first = StreamGenerator.generate(SMALL_DAY);
    List<OutgoingRecord> second = StreamGenerator.generate(SMALL_DAY);

    assertThat(second).isEqualTo(first);
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    StreamFile.write(a, first);
    StreamFile.write(b, second);
    assertThat(sha256(b)).isEqualTo(sha256(a));
  }

  @Test
  void shouldGiveAnotherStreamForAnotherSeed() {
    List<OutgoingRecord> one = StreamGenerator.generate(SMALL_DAY);
    List<OutgoingRecord> other = StreamGenerator.generate(SMALL_DAY.withSeed(SMALL_DAY.seed() + 1));

    assertThat(other).isNotEqualTo(one);
    assertThat(other.get(other.size() / 2)).isNotEqualTo(one.get(one.size() / 2));
  }

  @Test
  void shouldIterateTheSameRecordsItLists() {
    GeneratorSettings tiny = SMALL_DAY.withRate(0.05);
    List<OutgoingRecord> iterated = new ArrayList<>();
    StreamGenerator.iterate(tiny).forEachRemaining(iterated::add);

    assertThat(iterated).isEqualTo(StreamGenerator.generate(tiny));
    assertThat(StreamGenerator.stream(tiny).count()).isEqualTo(iterated.size());
  }

  @Test
  void shouldListRecordsInSendOrder() {
    List<OutgoingRecord> records = GeneratedStreams.defaultDay();
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i).sendAtMillis())
          .as("record %d", i)
          .isGreaterThanOrEqualTo(records.get(i - 1).sendAtMillis());
    }
  }

  @Test
  void shouldMakeADefaultDayOfAboutOneEventPerSecond() {
    long events = count(GeneratedStreams.defaultDay(), RecordKind.EVENT);

    assertThat(events).isBetween(50_000L, 150_000L);
    assertThat((double) events).isBetween(86_400 * 0.85, 86_400 * 1.15);
  }

  @Test
  void shouldScaleTheVolumeWithTheRate() {
    long atQuarter = count(StreamGenerator.generate(SMALL_DAY), RecordKind.EVENT);
    long atTenth = count(StreamGenerator.generate(SMALL_DAY.withRate(0.1)), RecordKind.EVENT);

    assertThat((double) atQuarter).isBetween(0.25 * 86_400 * 0.85, 0.25 * 86_400 * 1.15);
    assertThat((double) atTenth).isBetween(0.1 * 86_400 * 0.8, 0.1 * 86_400 * 1.2);
  }

  @Test
  void shouldPublishAFewDozenPiecesADayFromEveryOffice() {
    GeneratorSettings threeDays = SMALL_DAY.withRate(0.05).withDays(3);
    List<Article> published = publishedInPeriod(StreamGenerator.generate(threeDays), threeDays);
    List<Article> oneDay =
        publishedInPeriod(StreamGenerator.generate(SMALL_DAY.withRate(0.05)), SMALL_DAY);

    assertThat(oneDay.size()).isBetween(28, 70);
    assertThat(published.size()).isBetween(3 * 28, 3 * 70);
    assertThat(published).extracting(Article::office).contains("hz", "bb", "pg", "zs", "zp", "fc");
  }

  @Test
  void shouldKeepEventTimesInThePeriodAndNeverAfterTheirSendTime() {
    Instant start = GeneratedStreams.DEFAULT_DAY.periodStart();
    Instant end = GeneratedStreams.DEFAULT_DAY.periodEnd();
    for (OutgoingRecord record : GeneratedStreams.defaultDay()) {
      if (record.kind() == RecordKind.EVENT || record.kind() == RecordKind.DUPLICATE) {
        DisseminationEvent event = GeneratedStreams.event(record);
        assertThat(event.eventTime()).isBetween(start, end.minusMillis(1));
        assertThat(event.eventTime().toEpochMilli()).isLessThanOrEqualTo(record.sendAtMillis());
      } else if (record.kind() == RecordKind.ARTICLE) {
        Article article = GeneratedStreams.article(record);
        assertThat(article.updatedAt().toEpochMilli()).isLessThanOrEqualTo(record.sendAtMillis());
      }
    }
  }

  @Test
  void shouldChooseHourlySlicesExceptAtHighRates() {
    assertThat(StreamGenerator.sliceMillis(1.0)).isEqualTo(3_600_000);
    assertThat(StreamGenerator.sliceMillis(100)).isEqualTo(120_000);
    assertThat(StreamGenerator.sliceMillis(50_000)).isEqualTo(60_000);
  }

  @Test
  void shouldRefuseImpossibleSettings() {
    assertThatThrownBy(() -> GeneratedStreams.DEFAULT_DAY.withDays(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeneratedStreams.DEFAULT_DAY.withRate(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeneratedStreams.DEFAULT_DAY.withRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Article> publishedInPeriod(
      List<OutgoingRecord> records, GeneratorSettings settings) {
    return records.stream()
        .filter(r -> r.kind() == RecordKind.ARTICLE)
        .map(GeneratedStreams::article)
        .filter(a -> !a.publishedAt().isBefore(settings.periodStart()))
        .filter(a -> a.publishedAt().isBefore(settings.periodEnd()))
        .collect(
            java.util.stream.Collectors.toMap(
                Article::articleId, a -> a, (x, y) -> x, java.util.LinkedHashMap::new))
        .values()
        .stream()
        .toList();
  }

  static long count(List<OutgoingRecord> records, RecordKind kind) {
    return records.stream().filter(r -> r.kind() == kind).count();
  }

  private static String sha256(Path file) throws IOException {
    try {
      return java.util.HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
