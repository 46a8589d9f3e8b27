package org.chuanbo.generator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;

/**
 * On which channels a piece is published and how its attention splits over them
 * ("一次采集、多种生成、多平台发布"): every text goes to the WeChat account, most to the website and the app;
 * videos of 《党旗如画》 and 我的扶贫故事 air on TV; the radio programme is audio; courses are played on the
 * remote-education network. The WeChat account gets the most attention.
 */
final class ChannelMix {

  private ChannelMix() {}

  /** Relative attention per channel (WECHAT 1.0 for a text); only the channels it is on. */
  static Map<Channel, Double> of(Series series, ContentType type, SeededRandom random) {
    EnumMap<Channel, Double> weights = new EnumMap<>(Channel.class);
    switch (type) {
      case ARTICLE, OTHER -> {
        weights.put(Channel.WECHAT, 1.0);
        maybe(weights, Channel.WEBSITE, 0.20, 0.95, random);
        maybe(weights, Channel.APP, 0.25, 0.85, random);
      }
      case GALLERY -> {
        weights.put(Channel.WECHAT, 1.0);
        weights.put(Channel.WEBSITE, 0.30);
        maybe(weights, Channel.APP, 0.20, 0.8, random);
      }
      case VIDEO -> {
        weights.put(Channel.WECHAT, 0.9);
        weights.put(Channel.WEBSITE, 0.15);
        weights.put(Channel.APP, 0.30);
        boolean programme =
            series == Series.DANGQI_RUHUA_TV || series == Series.POVERTY_RELIEF_STORIES;
        maybe(weights, Channel.TV, 0.9, programme ? 1.0 : 0.3, random);
        if (series == Series.DANGQI_RUHUA_TV) {
          // The radio programme airs the segment's sound track.
          maybe(weights, Channel.RADIO, 0.5, 0.7, random);
        }
        maybe(weights, Channel.REMOTE_EDU, 0.35, 0.5, random);
      }
      case AUDIO -> {
        weights.put(Channel.RADIO, 1.0);
        weights.put(Channel.APP, 0.30);
        maybe(weights, Channel.WECHAT, 0.35, 0.6, random);
      }
      case COURSE -> {
        weights.put(Channel.REMOTE_EDU, 1.0);
        weights.put(Channel.WEBSITE, 0.20);
        weights.put(Channel.APP, 0.25);
        maybe(weights, Channel.WECHAT, 0.15, 0.3, random);
      }
    }
    return Collections.unmodifiableMap(weights);
  }

  private static void maybe(
      EnumMap<Channel, Double> weights,
      Channel channel,
      double weight,
      double probability,
      SeededRandom random) {
    if (random.chance(probability)) {
      weights.put(channel, weight);
    }
  }
}
