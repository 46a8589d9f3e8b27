package org.chuanbo.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What to generate.
 *
 * @param days how many Asia/Shanghai days of event time, from {@code start} 00:00
 * @param seed the same seed gives byte-identical output
 * @param ratePerSecond average events per second over the period (valid events on {@code
 *     chuanbo.events}, without duplicates and malformed records); the volume scales with it
 * @param start the first day, in Asia/Shanghai
 */
public record GeneratorSettings(int days, long seed, double ratePerSecond, LocalDate start) {

  /** Day boundaries are in this zone, always (DOMAIN.md). */
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  public static final int DEFAULT_DAYS = 1;

  /** 20190103: the day the seed document was published on 贺州先锋. */
  public static final long DEFAULT_SEED = 20190103L;

  /** One event a second on average: about 86,400 events a day, quick enough for tests. */
  public static final double DEFAULT_RATE = 1.0;

  public GeneratorSettings {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, got " + days);
    }
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("ratePerSecond must be positive, got " + ratePerSecond);
    }
    if (start == null) {
      throw new IllegalArgumentException("start is required");
    }
  }

  /** One day from {@code start} at the default seed and rate. */
  public static GeneratorSettings defaults(LocalDate start) {
    return new GeneratorSettings(DEFAULT_DAYS, DEFAULT_SEED, DEFAULT_RATE, start);
  }

  public GeneratorSettings withDays(int value) {
    return new GeneratorSettings(value, seed, ratePerSecond, start);
  }

  public GeneratorSettings withSeed(long value) {
    return new GeneratorSettings(days, value, ratePerSecond, start);
  }

  public GeneratorSettings withRate(double value) {
    return new GeneratorSettings(days, seed, value, start);
  }

  /** {@code start} 00:00 in Asia/Shanghai. */
  public Instant periodStart() {
    return start.atStartOfDay(SHANGHAI).toInstant();
  }

  /** The end (exclusive) of event time: {@code start + days} 00:00 in Asia/Shanghai. */
  public Instant periodEnd() {
    return start.plusDays(days).atStartOfDay(SHANGHAI).toInstant();
  }
}
