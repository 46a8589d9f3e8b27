package org.chuanbo.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.PlatformCount;

/**
 * WeChat's own daily counts (DOMAIN.md, "Platform-reported counts"): for every (article, Shanghai
 * day) with at least one generated WECHAT VIEW, the public-account platform publishes the day's
 * reads, shares, likes and comments the next morning and revises them twice:
 *
 * <ul>
 *   <li>{@value #REVISIONS} revisions, as of day+1 08:00, 14:00 and 22:00 Shanghai, each up to
 *       {@link #AS_OF_JITTER} later; every as_of lies before day+1 23:59, so no report is more than
 *       a day ahead of a clock that is already in day+1 (the demo generates "yesterday");
 *   <li>values: the platform sees more than the collectors track. Each count is the tracked count
 *       of that type on WECHAT that day (valid, first-sent events only: no duplicates, no broken
 *       companions) × a factor of 1.10–1.25 that grows by 0.05–0.15 a revision (at most 1.55); in
 *       {@value #UNDER_REPORTED_SHARE} of the (article, day) pairs the platform reports fewer (a
 *       factor of 0.70–0.94, views always strictly below the tracked ones), so the "greater of"
 *       rule is exercised both ways. Revisions never decrease;
 *   <li>sent as_of + seconds to minutes; {@value #REDELIVERY_RATE} of the reports are sent again
 *       later (the same bytes); in {@value #STALE_SHARE} of the pairs an older revision arrives
 *       after the final one, so the consumer must order by as_of, not by arrival;
 *   <li>{@value #MALFORMED_RATE} of the reports are accompanied by a broken one.
 * </ul>
 *
 * <p>Only WECHAT is reported: the other channels' collectors see every play themselves. report_id
 * is {@code "wx-"} + 16 hex digits, a bijection of a counter (never repeated, except by a
 * re-delivery).
 *
 * <p>The generator {@link #count}s its events as it makes them and asks for the reports of a day
 * once the sweep has passed the day's end ({@link #closeDaysBefore}): no event of that day can come
 * after, and every report is sent after the day ended, so the outbox's order holds. Memory: four
 * counters per (article, day) not yet closed.
 */
final class PlatformReports {

  static final int REVISIONS = 3;

  /** When the revisions are taken, on the day after the day they cover (Asia/Shanghai). */
  static final LocalTime[] AS_OF_TIMES = {
    LocalTime.of(8, 0), LocalTime.of(14, 0), LocalTime.of(22, 0)
  };

  /** Each as_of lies up to this long after its nominal time. */
  static final long AS_OF_JITTER = 20 * 60_000L;

  static final double UNDER_REPORTED_SHARE = 0.10;
  static final double REDELIVERY_RATE = 0.05;
  static final double STALE_SHARE = 0.08;

  /** Share of reports accompanied by a broken one ({@link MalformedRecords#makePlatformCount}). */
  static final double MALFORMED_RATE = 0.02;

  /** The channel whose platform reports. */
  static final Channel CHANNEL = Channel.WECHAT;

  private static final int VIEWS = 0;
  private static final int SHARES = 1;
  private static final int LIKES = 2;
  private static final int COMMENTS = 3;

  /** One report to send, and maybe when to send it again (-1: never). */
  record Delivery(PlatformCount report, long sendAtMillis, long resendAtMillis) {}

  private final SeededRandom random;
  private final long idSalt;

  /** Tracked counts per day, then per article: {views, shares, likes, comments}. */
  private final TreeMap<LocalDate, TreeMap<String, long[]>> tracked = new TreeMap<>();

  private long reportCounter;

  PlatformReports(long seed) {
    this.random = SeededRandom.forPurpose(seed, "platform");
    this.idSalt = SeededRandom.mix(seed ^ 0x5EC0DE5L);
  }

  /** Takes note of one valid, first-sent event; only WECHAT views and engagement count. */
  void count(DisseminationEvent event) {
    if (event.channel() != CHANNEL) {
      return;
    }
    int type =
        switch (event.eventType()) {
          case VIEW -> VIEWS;
          case SHARE -> SHARES;
          case LIKE -> LIKES;
          case COMMENT -> COMMENTS;
          case REPOST, UNKNOWN -> -1;
        };
    if (type < 0) {
      return;
    }
    LocalDate day = LocalDate.ofInstant(event.eventTime(), GeneratorSettings.SHANGHAI);
    tracked.computeIfAbsent(day, d -> new TreeMap<>())
        .computeIfAbsent(event.articleId(), a -> new long[4])[type]++;
  }

  /**
   * The reports of every day that ended at or before {@code epochMillis} (no more events of it can
   * come), in a fixed order; those days are forgotten.
   */
  List<Delivery> closeDaysBefore(long epochMillis) {
    List<Delivery> deliveries = new ArrayList<>();
    while (!tracked.isEmpty()) {
      LocalDate day = tracked.firstKey();
      if (startOf(day.plusDays(1)) > epochMillis) {
        break;
      }
      for (Map.Entry<String, long[]> article : tracked.pollFirstEntry().getValue().entrySet()) {
        if (article.getValue()[VIEWS] > 0) {
          report(article.getKey(), day, article.getValue(), deliveries);
        }
      }
    }
    return deliveries;
  }

  /** Whether a broken record goes out alongside a report. */
  boolean malformedAlongside() {
    return random.chance(MALFORMED_RATE);
  }

  /** The random source of the reports, for their broken companions. */
  SeededRandom random() {
    return random;
  }

  /** A report id never used before, for a broken companion that decodes. */
  String freshReportId() {
    return nextReportId();
  }

  private void report(String articleId, LocalDate day, long[] counts, List<Delivery> out) {
    boolean under = random.chance(UNDER_REPORTED_SHARE);
    double[] base = new double[4];
    double[] growth = new double[4];
    for (int t = 0; t < 4; t++) {
      base[t] = under ? 0.70 + 0.20 * random.nextDouble() : 1.10 + 0.15 * random.nextDouble();
      growth[t] = under ? 0.02 * random.nextDouble() : 0.05 + 0.10 * random.nextDouble();
    }
    long[] sendAt = new long[REVISIONS];
    PlatformCount[] reports = new PlatformCount[REVISIONS];
    for (int k = 0; k < REVISIONS; k++) {
      long[] values = new long[4];
      for (int t = 0; t < 4; t++) {
        double seen = counts[t] * (base[t] + k * growth[t]);
        values[t] = under ? (long) Math.floor(seen) : Math.round(seen);
      }
      if (under) {
        values[VIEWS] = Math.min(values[VIEWS], counts[VIEWS] - 1);
      }
      long asOf =
          day.plusDays(1)
                  .atTime(AS_OF_TIMES[k])
                  .atZone(GeneratorSettings.SHANGHAI)
                  .toInstant()
                  .toEpochMilli()
              + random.between(0, AS_OF_JITTER);
      reports[k] =
          new PlatformCount(
              nextReportId(),
              articleId,
              CHANNEL,
              day,
              Instant.ofEpochMilli(asOf),
              values[VIEWS],
              values[SHARES],
              values[LIKES],
              values[COMMENTS]);
      sendAt[k] = asOf + random.logNormal(90_000, 1.0, 5_000, 15 * 60_000);
    }
    if (random.chance(STALE_SHARE)) {
      int stale = random.nextInt(REVISIONS - 1);
      sendAt[stale] =
          sendAt[REVISIONS - 1] + random.logNormal(10 * 60_000, 1.0, 60_000, 2 * 3_600_000);
    }
    for (int k = 0; k < REVISIONS; k++) {
      long resend =
          random.chance(REDELIVERY_RATE)
              ? sendAt[k] + random.logNormal(5 * 60_000, 1.0, 10_000, 2 * 3_600_000)
              : -1;
      out.add(new Delivery(reports[k], sendAt[k], resend));
    }
  }

  private String nextReportId() {
    return "wx-" + String.format("%016x", SeededRandom.mix(++reportCounter ^ idSalt));
  }

  private static long startOf(LocalDate day) {
    return day.atStartOfDay(GeneratorSettings.SHANGHAI).toInstant().toEpochMilli();
  }
}
