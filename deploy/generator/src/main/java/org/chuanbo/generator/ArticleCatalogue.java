package org.chuanbo.generator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.chuanbo.generator.PlannedArticle.VersionSend;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.Office;

/**
 * The pieces of the period, planned up front (they are few): 45–65 on a weekday, 28–38 on a weekend
 * day, from the six offices (the city office the most), plus those of the {@value #BACKFILL_DAYS}
 * days before the period, which are still being read when it starts.
 *
 * <p>What the CMS sends: each version when it is saved; a scheduled piece is saved hours before it
 * goes out; about one in {@code 1/SYNC_LAG_SHARE} reaches the topic minutes after publication (the
 * CMS export lags), so its first events arrive before it; about one in eight is corrected later (a
 * typo in the title) as a second version with a later {@code updated_at}. Versions saved before the
 * period are sent at its start, as a snapshot of the compacted topic, the latest only.
 */
final class ArticleCatalogue {

  static final int BACKFILL_DAYS = 2;
  static final double SCHEDULED_SHARE = 0.20;
  static final double SYNC_LAG_SHARE = 0.08;
  static final double CORRECTED_SHARE = 0.12;

  private static final Office[] OFFICES = Office.values();
  private static final double[] OFFICE_WEIGHTS = officeWeights();
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private ArticleCatalogue() {}

  /** Every piece that is read during the period, by publication time. */
  static List<PlannedArticle> plan(GeneratorSettings settings) {
    SeededRandom random = SeededRandom.forPurpose(settings.seed(), "catalogue");
    long periodStart = settings.periodStart().toEpochMilli();
    long periodEnd = settings.periodEnd().toEpochMilli();
    List<PlannedArticle> planned = new ArrayList<>();
    for (int d = -BACKFILL_DAYS; d < settings.days(); d++) {
      LocalDate day = settings.start().plusDays(d);
      boolean weekend =
          day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
      int count = weekend ? 28 + random.nextInt(11) : 45 + random.nextInt(21);
      Map<Office, Integer> numbers = new EnumMap<>(Office.class);
      for (int i = 0; i < count; i++) {
        Office office = OFFICES[random.weighted(OFFICE_WEIGHTS)];
        int number = numbers.merge(office, 1, Integer::sum);
        String id = office.code() + "-" + DAY.format(day) + "-" + String.format("%03d", number);
        planned.add(plan(id, office, day, random, periodEnd));
      }
    }
    planned.sort(Comparator.comparingLong(PlannedArticle::publishedAtMillis));
    return snapshotBeforeStart(planned, periodStart);
  }

  private static PlannedArticle plan(
      String id, Office office, LocalDate day, SeededRandom random, long periodEnd) {
    Series series = Series.draw(office == Office.HZ, random);
    ContentType type = series.contentType(random);
    String title = TitleWriter.title(series, type, office, random);
    String column = series.column(random);
    String editor = random.pick(HezhouVocabulary.EDITORS.get(office));
    Instant published = publicationTime(series, day, random);
    long publishedAt = published.toEpochMilli();

    boolean scheduled = random.chance(SCHEDULED_SHARE);
    long savedAt =
        scheduled
            ? publishedAt - random.between(hours(1), hours(10))
            : publishedAt - random.between(minutes(1), minutes(40));
    boolean syncLag = random.chance(SYNC_LAG_SHARE);
    long firstSend =
        syncLag
            ? publishedAt + random.between(minutes(2), minutes(20))
            : savedAt + random.between(1_000, 20_000);
    boolean corrected = random.chance(CORRECTED_SHARE);
    long correctedAt = publishedAt + random.logNormal(minutes(50), 1.0, minutes(5), hours(12));

    double popularity = Popularity.draw(series, office, random);
    var channels = ChannelMix.of(series, type, random);

    List<VersionSend> sends = new ArrayList<>();
    Article first =
        new Article(
            id,
            corrected ? TitleWriter.withTypo(title) : title,
            office.code(),
            column,
            type,
            editor,
            published,
            Instant.ofEpochMilli(savedAt));
    sends.add(new VersionSend(first, firstSend));
    Article latest = first;
    if (corrected && correctedAt < periodEnd) {
      latest =
          new Article(
              id,
              title,
              office.code(),
              column,
              type,
              editor,
              published,
              Instant.ofEpochMilli(correctedAt));
      sends.add(new VersionSend(latest, correctedAt + random.between(1_000, 20_000)));
    }
    return new PlannedArticle(latest, List.copyOf(sends), popularity, channels);
  }

  /**
   * Versions saved before the period are sent at its start, a few ms apart, latest version only
   * (what a consumer reading the compacted topic from the beginning would see).
   */
  private static List<PlannedArticle> snapshotBeforeStart(
      List<PlannedArticle> planned, long periodStart) {
    List<PlannedArticle> result = new ArrayList<>(planned.size());
    int snapshotIndex = 0;
    for (PlannedArticle article : planned) {
      List<VersionSend> sends = new ArrayList<>();
      List<VersionSend> original = article.sends();
      for (int i = 0; i < original.size(); i++) {
        VersionSend send = original.get(i);
        if (send.sendAtMillis() >= periodStart) {
          sends.add(send);
          continue;
        }
        boolean supersededBeforeStart =
            i + 1 < original.size() && original.get(i + 1).sendAtMillis() < periodStart;
        if (!supersededBeforeStart) {
          sends.add(new VersionSend(send.version(), periodStart + 2L * snapshotIndex++));
        }
      }
      result.add(
          new PlannedArticle(
              article.latest(), List.copyOf(sends), article.popularity(), article.channels()));
    }
    return List.copyOf(result);
  }

  /**
   * When a piece goes out: 《党旗如画》 airs at 19:30 and its radio edition at 07:00; courses are
   * released for the morning study session; the rest is pushed at breakfast, lunch, in the
   * afternoon or the evening, as the WeChat account does.
   */
  private static Instant publicationTime(Series series, LocalDate day, SeededRandom random) {
    LocalTime time =
        switch (series) {
          case DANGQI_RUHUA_TV -> LocalTime.of(19, 30).plusSeconds(random.between(0, 600));
          case DANGQI_RUHUA_RADIO -> LocalTime.of(7, 0).plusSeconds(random.between(0, 1_800));
          case REMOTE_COURSES -> LocalTime.of(8, 0).plusSeconds(random.between(0, 7_200));
          default -> {
            int slot = random.weighted(new double[] {0.35, 0.15, 0.15, 0.35});
            LocalTime[] from = {
              LocalTime.of(7, 0), LocalTime.of(11, 30), LocalTime.of(14, 30), LocalTime.of(17, 30)
            };
            long[] lengthSeconds = {9_000, 3_600, 9_000, 14_400};
            yield from[slot].plusSeconds(random.between(0, lengthSeconds[slot]));
          }
        };
    return day.atTime(time)
        .plusNanos(random.between(0, 1_000) * 1_000_000L)
        .atZone(GeneratorSettings.SHANGHAI)
        .toInstant();
  }

  private static double[] officeWeights() {
    double[] weights = new double[OFFICES.length];
    for (int i = 0; i < OFFICES.length; i++) {
      weights[i] =
          switch (OFFICES[i]) {
            case HZ -> 0.32;
            case BB -> 0.15;
            case PG -> 0.14;
            case ZS, ZP, FC -> 0.13;
          };
    }
    return weights;
  }

  private static long minutes(long n) {
    return Duration.ofMinutes(n).toMillis();
  }

  private static long hours(long n) {
    return Duration.ofHours(n).toMillis();
  }
}
