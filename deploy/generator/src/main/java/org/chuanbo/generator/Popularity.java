package org.chuanbo.generator;

import org.chuanbo.schemas.records.Office;

/**
 * How much attention a piece draws over its life, relative to the others: heavy-tailed, as in every
 * media ranking — most pieces are read a few hundred times, a handful go around the whole city.
 * Pareto with α = 1.1 (capped, so one piece cannot swallow a small stream), times the series'
 * appeal, times the reach of the publishing account (the city office's 贺州先锋 has more followers than
 * a county's).
 */
final class Popularity {

  static final double PARETO_ALPHA = 1.1;
  static final double CAP = 2_000;

  private Popularity() {}

  static double draw(Series series, Office office, SeededRandom random) {
    double base = Math.min(CAP, random.pareto(PARETO_ALPHA));
    return base * series.appeal() * (office == Office.HZ ? 1.5 : 1.0);
  }
}
