package org.chuanbo.cli.bench;

import java.util.Collection;

/**
 * p50 / p99 / max of a sample by the nearest-rank method: the smallest value with at least p% of
 * the sample at or below it. No interpolation, so every figure is a delay that was really observed
 * (with 20 runs, p99 is the slowest run, as it should be: one slow run in 20 is a p95 problem).
 */
public record Percentiles(int count, double p50, double p99, double max) {

  /** The percentiles of a non-empty sample. */
  public static Percentiles of(Collection<? extends Number> sample) {
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("no values to take percentiles of");
    }
    double[] sorted = sample.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    return new Percentiles(
        sorted.length, rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1]);
  }

  /** The nearest-rank {@code percent} percentile of an ascending array. */
  static double rank(double[] ascending, double percent) {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
    }
    int index = (int) Math.ceil(percent / 100.0 * ascending.length) - 1;
    return ascending[Math.max(0, Math.min(index, ascending.length - 1))];
  }
}
