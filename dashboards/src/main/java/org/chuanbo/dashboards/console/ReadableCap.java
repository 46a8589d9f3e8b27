package org.chuanbo.dashboards.console;

/**
 * A proposed DI cap people can read and remember: the observed 99th percentile rounded up to the
 * next multiple of half its order of magnitude (43,210 → 45,000; 987 → 1,000; 17 → 20), or to a
 * whole number below 10 (depth and channel counts stay 5, 6). At least 1, because a cap of 0 would
 * divide by ln(1) in the formula.
 */
public final class ReadableCap {

  private ReadableCap() {}

  public static long above(long percentile) {
    if (percentile < 10) {
      return Math.max(1, percentile);
    }
    long magnitude = 1;
    while (magnitude <= percentile / 10) {
      magnitude *= 10;
    }
    long step = magnitude / 2;
    return (percentile + step - 1) / step * step;
  }
}
