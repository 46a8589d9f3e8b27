package org.chuanbo.generator;

import java.time.Duration;
import org.chuanbo.schemas.records.Channel;

/**
 * How interest in a piece fades after publication, per channel: a Lomax (Pareto II) curve, a burst
 * right after the push and a long tail. The share of a piece's interest still to come at age t is
 * {@code (1 + t/τ)^-β}: a WeChat push (τ 2 h, β 1) has half its reads within 2 hours and 92% within
 * a day; a remote-education course (τ 48 h, β 0.7) is played for weeks in study sessions.
 */
final class InterestDecay {

  /** After this, a piece gets no more events (the tail is cut so the work per slice is bounded). */
  static final Duration LIFETIME = Duration.ofDays(30);

  private InterestDecay() {}

  private static double tauMillis(Channel channel) {
    double hours =
        switch (channel) {
          case WECHAT -> 2;
          case APP -> 4;
          case WEBSITE -> 8;
          case RADIO -> 12;
          case TV -> 24;
          case REMOTE_EDU -> 48;
          case UNKNOWN -> 4;
        };
    return hours * 3_600_000.0;
  }

  private static double beta(Channel channel) {
    return switch (channel) {
      case WECHAT, APP -> 1.0;
      case WEBSITE -> 0.9;
      case TV, RADIO -> 1.2;
      case REMOTE_EDU -> 0.7;
      case UNKNOWN -> 1.0;
    };
  }

  /** The share of all interest still to come at age {@code ageMillis} (no cut at the lifetime). */
  static double remaining(Channel channel, long ageMillis) {
    return StrictMath.pow(1 + Math.max(0, ageMillis) / tauMillis(channel), -beta(channel));
  }

  /**
   * The share of all interest that falls between two ages, within the {@link #LIFETIME} (the tail
   * beyond it is never generated).
   */
  static double between(Channel channel, long fromAge, long toAge) {
    long to = Math.min(toAge, LIFETIME.toMillis());
    if (to <= fromAge) {
      return 0;
    }
    return Math.max(0, remaining(channel, fromAge) - remaining(channel, to));
  }

  /** An age in [fromAge, toAge) drawn from the curve (more of them near fromAge). */
  static long sampleAge(Channel channel, long fromAge, long toAge, SeededRandom random) {
    toAge = Math.min(toAge, LIFETIME.toMillis());
    double beta = beta(channel);
    double tau = tauMillis(channel);
    double hi = remaining(channel, fromAge);
    double lo = remaining(channel, toAge);
    double s = hi - random.nextDouble() * (hi - lo);
    long age = Math.round(tau * (StrictMath.pow(s, -1.0 / beta) - 1));
    return Math.max(fromAge, Math.min(toAge - 1, age));
  }
}
