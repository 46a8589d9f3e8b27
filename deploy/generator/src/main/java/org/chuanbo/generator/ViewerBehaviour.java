package org.chuanbo.generator;

import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;

/**
 * What a viewer does with a piece: how long they read, watch or listen (the engaged time, when the
 * collector reports it), and whether they like it, comment, share it, or come back to it later.
 * Rates per channel are those of a regional official account: a few percent like (点赞/在看), a few
 * share, fewer comment; TV and radio report plays only.
 */
final class ViewerBehaviour {

  /** Share of viewers who come back to the same piece later (so a piece's reach < its views). */
  static final double REREAD = 0.04;

  private ViewerBehaviour() {}

  /** The engaged time of one view in ms, or null when the channel does not report it. */
  static Long durationMs(Channel channel, ContentType type, SeededRandom random) {
    double reported =
        switch (channel) {
          case WECHAT -> 0.60;
          case WEBSITE -> 0.85;
          case APP -> 0.90;
          case TV, RADIO, REMOTE_EDU, UNKNOWN -> 1.0;
        };
    if (!random.chance(reported)) {
      return null;
    }
    return switch (channel) {
      // a programme segment of up to 15 minutes
      case TV -> random.logNormal(360_000, 0.6, 5_000, 900_000);
      case RADIO -> random.logNormal(540_000, 0.7, 5_000, 1_800_000);
      // a course of up to 45 minutes, often played to the end in a study session
      case REMOTE_EDU ->
          type == ContentType.COURSE
              ? random.logNormal(1_080_000, 0.6, 30_000, 2_700_000)
              : random.logNormal(240_000, 0.7, 10_000, 900_000);
      default ->
          switch (type) {
            case VIDEO -> random.logNormal(70_000, 0.9, 2_000, 900_000);
            case AUDIO -> random.logNormal(120_000, 0.9, 2_000, 1_800_000);
            case COURSE -> random.logNormal(300_000, 0.9, 5_000, 2_700_000);
            default -> random.logNormal(40_000, 0.9, 2_000, 1_200_000);
          };
    };
  }

  static double likeRate(Channel channel) {
    return switch (channel) {
      case WECHAT -> 0.025;
      case APP -> 0.03;
      case WEBSITE -> 0.003;
      case REMOTE_EDU -> 0.01;
      case RADIO -> 0.005;
      case TV, UNKNOWN -> 0;
    };
  }

  static double commentRate(Channel channel) {
    return switch (channel) {
      case WECHAT -> 0.004;
      case APP -> 0.008;
      case WEBSITE -> 0.002;
      case REMOTE_EDU -> 0.015; // study notes (学习心得)
      case RADIO, TV, UNKNOWN -> 0;
    };
  }

  /**
   * Share rate of a viewer; one who came through a share shares a little more often (they are in
   * the circles that pass such pieces on), which is what keeps cascades going.
   */
  static double shareRate(Channel channel, boolean cameThroughShare) {
    double direct =
        switch (channel) {
          case WECHAT -> 0.045;
          case APP -> 0.02;
          case WEBSITE -> 0.008;
          case REMOTE_EDU -> 0.003;
          case RADIO -> 0.004;
          case TV, UNKNOWN -> 0;
        };
    return cameThroughShare ? direct * 1.4 : direct;
  }
}
