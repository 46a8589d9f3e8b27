package org.chuanbo.dashboards.console;

/**
 * A horizontal bar for a value in a small terminal chart, scaled to the largest value of the chart
 * so big pieces do not overflow the line and small ones stay visible (any value above zero gets at
 * least one block).
 */
public final class Bars {

  /** Columns of the longest bar. */
  public static final int WIDTH = 40;

  private Bars() {}

  public static String of(long value, long largest) {
    if (value <= 0 || largest <= 0) {
      return "";
    }
    long blocks = Math.max(1, Math.round((double) value * WIDTH / largest));
    return "█".repeat((int) Math.min(WIDTH, blocks));
  }
}
