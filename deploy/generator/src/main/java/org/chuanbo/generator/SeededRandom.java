package org.chuanbo.generator;

/**
 * The generator's only source of randomness: SplitMix64, written out here so that the same seed
 * gives the same stream on every JDK (java.util's generators are not all pinned by their spec), and
 * every transcendental function is {@link StrictMath}'s, whose results are fixed bit for bit.
 *
 * <p>Each concern (the catalogue, the traffic, the faults) draws from its own instance, derived
 * from the seed and a purpose name, so that changing how one concern draws leaves the others' draws
 * as they were.
 */
final class SeededRandom {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  private SeededRandom(long state) {
    this.state = state;
  }

  /** The instance for one purpose of one seed. */
  static SeededRandom forPurpose(long seed, String purpose) {
    long h = 1125899906842597L;
    for (int i = 0; i < purpose.length(); i++) {
      h = 31 * h + purpose.charAt(i);
    }
    return new SeededRandom(mix(seed) ^ mix(h));
  }

  /**
   * SplitMix64's finaliser: a bijection on longs, so distinct inputs give distinct outputs (ids
   * built from a counter never collide).
   */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A uniform double in [0, 1) from a hash, for choices fixed per entity (a user's terminal). */
  static double unitOf(long hash) {
    return (mix(hash) >>> 11) * 0x1.0p-53;
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    return (int) (nextDouble() * bound);
  }

  /** Uniform in [lo, hi). */
  long between(long lo, long hi) {
    return lo + (long) (nextDouble() * (hi - lo));
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  <T> T pick(T[] values) {
    return values[nextInt(values.length)];
  }

  <T> T pick(java.util.List<T> values) {
    return values.get(nextInt(values.size()));
  }

  /** An index drawn with probability proportional to {@code weights[i]}. */
  int weighted(double[] weights) {
    return weightedIndex(weights, nextDouble());
  }

  /** The index that the uniform {@code u} in [0, 1) picks, proportionally to the weights. */
  static int weightedIndex(double[] weights, double u) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = u * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Standard normal (Box–Muller, one value per call). */
  double gaussian() {
    double u = 1.0 - nextDouble(); // (0, 1]
    double v = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
  }

  /** Log-normal with the given median and shape. */
  double logNormal(double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian());
  }

  /** Log-normal, clamped to [min, max], rounded to a long. */
  long logNormal(double median, double sigma, long min, long max) {
    return Math.max(min, Math.min(max, Math.round(logNormal(median, sigma))));
  }

  /** Pareto with scale 1: P(X > x) = x^-alpha for x ≥ 1; heavy-tailed for small alpha. */
  double pareto(double alpha) {
    return StrictMath.pow(1.0 - nextDouble(), -1.0 / alpha);
  }

  /** Poisson: exact (Knuth) for small means, normal approximation for large ones. */
  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean < 30) {
      double limit = StrictMath.exp(-mean);
      double product = nextDouble();
      int n = 0;
      while (product > limit) {
        product *= nextDouble();
        n++;
      }
      return n;
    }
    return (int) Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * gaussian()));
  }
}
