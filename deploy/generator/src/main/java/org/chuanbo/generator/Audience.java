package org.chuanbo.generator;

import java.util.EnumMap;
import java.util.Map;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.Terminal;

/**
 * The people on each channel: a finite population per channel (so reach stays below views), with a
 * few heavy readers and many occasional ones, each with a stable id, device and place.
 *
 * <p>User {@code i} of a channel is drawn with probability ∝ a power law ({@code i = ⌊N·u^1.5⌋}):
 * the most active follower reads a few dozen times a day, most read once in a while. Some users are
 * identified party members ({@code person_id} {@code dy0000123}); user {@code i} of two channels,
 * when both are identified, is the same member, so reach counts them once across channels.
 * Populations grow with the rate.
 */
final class Audience {

  /** The activity skew: higher means a few users do more of the reading. */
  private static final double ACTIVITY_SKEW = 1.5;

  private static final String[] HEZHOU_REGIONS = {
    "贺州市八步区", "贺州市平桂区", "贺州市钟山县", "贺州市昭平县", "贺州市富川瑶族自治县"
  };
  private static final double[] HEZHOU_REGION_WEIGHTS = {0.30, 0.17, 0.15, 0.14, 0.12};
  private static final String[] AWAY_REGIONS = {
    "广东省广州市", "广东省深圳市", "广东省东莞市", "广东省佛山市", "广西南宁市", "广西桂林市", "广西梧州市", "湖南省永州市", "北京市"
  };
  private static final double[] AWAY_REGION_WEIGHTS = {4, 4, 2, 2, 4, 2, 1, 1.5, 0.5};

  private final long salt;
  private final Map<Channel, Integer> sizes = new EnumMap<>(Channel.class);

  Audience(long seed, double ratePerSecond) {
    this.salt = SeededRandom.mix(seed ^ 0x5EED_A0D1_E0CEL);
    double perDay = ratePerSecond * 86_400;
    for (Channel channel : Channel.values()) {
      double share =
          switch (channel) {
            case WECHAT -> 0.50;
            case APP -> 0.12;
            case WEBSITE -> 0.10;
            case TV -> 0.03;
            case RADIO, REMOTE_EDU -> 0.02;
            case UNKNOWN -> 0.01;
          };
      sizes.put(channel, 300 + (int) Math.min(50_000_000, perDay * share));
    }
  }

  /** A user of the channel, drawn by activity. */
  Viewer pick(Channel channel, SeededRandom random) {
    int n = sizes.get(channel);
    int index =
        (int) Math.min(n - 1, (long) (n * StrictMath.pow(random.nextDouble(), ACTIVITY_SKEW)));
    return viewer(channel, index);
  }

  /** User {@code index} of the channel: always the same id, person, device and place. */
  Viewer viewer(Channel channel, int index) {
    long h = SeededRandom.mix(salt ^ ((long) channel.ordinal() << 40) ^ index);
    return new Viewer(
        channel,
        userId(channel, index, h),
        personId(channel, index, h),
        terminal(channel, h),
        region(channel, h));
  }

  private static String userId(Channel channel, int index, long h) {
    long a = SeededRandom.mix(h + 1);
    long b = SeededRandom.mix(h + 2);
    return switch (channel) {
      // A WeChat openid: 28 characters starting with "o".
      case WECHAT -> "o" + base64Url(a, 11) + base64Url(b, 11) + base64Url(a ^ b, 5);
      case WEBSITE -> "ck_" + hex(a, 16);
      // Set-top boxes of the 0774 (贺州) IPTV network.
      case TV -> String.format("stb0774%08d", index);
      case APP -> "dev_" + hex(a, 16);
      case RADIO -> "rd_" + hex(a, 16);
      // Remote-education terminals and members' learning accounts.
      case REMOTE_EDU -> String.format("edu4511%06d", index);
      case UNKNOWN -> "u_" + hex(a, 12);
    };
  }

  private static String personId(Channel channel, int index, long h) {
    double identified =
        switch (channel) {
          case APP -> 0.75; // members log in to the party-building app
          case REMOTE_EDU -> 0.60;
          case WECHAT -> 0.20; // followers who bound their member account
          case WEBSITE -> 0.10;
          case TV, RADIO, UNKNOWN -> 0.0; // a set-top box or a stream is no person
        };
    return SeededRandom.unitOf(h + 3) < identified ? String.format("dy%07d", index) : null;
  }

  private static Terminal terminal(Channel channel, long h) {
    double u = SeededRandom.unitOf(h + 4);
    return switch (channel) {
      case WECHAT -> u < 0.92 ? Terminal.MOBILE : u < 0.98 ? Terminal.PC : Terminal.TABLET;
      case WEBSITE -> u < 0.60 ? Terminal.PC : u < 0.95 ? Terminal.MOBILE : Terminal.TABLET;
      case APP -> u < 0.90 ? Terminal.MOBILE : Terminal.TABLET;
      case TV -> Terminal.TV;
      case RADIO -> u < 0.5 ? Terminal.MOBILE : Terminal.OTHER; // streaming app or car radio
      case REMOTE_EDU -> u < 0.5 ? Terminal.TV : u < 0.9 ? Terminal.PC : Terminal.OTHER;
      case UNKNOWN -> Terminal.OTHER;
    };
  }

  /** Where the collector says the user is; not every collector knows. */
  private static String region(Channel channel, long h) {
    double known =
        switch (channel) {
          case TV, REMOTE_EDU -> 1.0; // installed in 贺州
          case APP -> 0.85;
          case WEBSITE -> 0.80;
          case WECHAT -> 0.70;
          case RADIO -> 0.30;
          case UNKNOWN -> 0.0;
        };
    if (SeededRandom.unitOf(h + 5) >= known) {
      return null;
    }
    boolean local = channel == Channel.TV || channel == Channel.REMOTE_EDU;
    double u = SeededRandom.unitOf(h + 6);
    if (local || u < 0.78) {
      return HEZHOU_REGIONS[
          SeededRandom.weightedIndex(HEZHOU_REGION_WEIGHTS, SeededRandom.unitOf(h + 7))];
    }
    return AWAY_REGIONS[
        SeededRandom.weightedIndex(AWAY_REGION_WEIGHTS, SeededRandom.unitOf(h + 7))];
  }

  private static final char[] BASE64_URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  private static String base64Url(long bits, int chars) {
    StringBuilder out = new StringBuilder(chars);
    for (int i = 0; i < chars; i++) {
      out.append(BASE64_URL[(int) (bits & 63)]);
      bits >>>= 6;
    }
    return out.toString();
  }

  private static String hex(long bits, int digits) {
    String all = String.format("%016x", bits);
    return all.substring(16 - digits);
  }
}
