package org.chuanbo.dashboards.console;

import java.util.Locale;

/**
 * How numbers read in the terminal: counts with thousands separators (12,345), ratios with a fixed
 * number of decimals. Always the root locale, so a machine set to another locale prints the same
 * figures a leader quotes from the dashboard.
 */
public final class Figures {

  private Figures() {}

  /** A count: {@code 12,345}. */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A measure with {@code digits} decimals and thousands separators: {@code 1,234.5}. */
  public static String decimal(double value, int digits) {
    return String.format(Locale.ROOT, "%,." + digits + "f", value);
  }
}
