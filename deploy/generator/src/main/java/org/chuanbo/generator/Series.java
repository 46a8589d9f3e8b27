package org.chuanbo.generator;

import org.chuanbo.schemas.records.ContentType;

/**
 * The columns and programmes of the centre (from the seed document: the 我是党员 series, 第一书记, 勤廉榜样
 * micro-videos, the ten episodes of 我的扶贫故事, 村级集体经济, the 《党旗如画》 TV and radio programmes, the 寿城党旗红
 * website), plus everyday news. Each has its forms, how often the city office and a county office
 * publish in it, and how much it draws readers.
 */
enum Series {
  I_AM_A_MEMBER("我是党员", 9, 8, 1.3, types(ContentType.ARTICLE, ContentType.VIDEO), w(0.7, 0.3)),
  FIRST_SECRETARY("第一书记", 6, 10, 1.0, types(ContentType.ARTICLE, ContentType.VIDEO), w(0.8, 0.2)),
  INTEGRITY_MODELS("勤廉榜样", 6, 4, 1.1, types(ContentType.VIDEO), w(1)),
  POVERTY_RELIEF_STORIES("我的扶贫故事", 4, 1, 1.8, types(ContentType.VIDEO), w(1)),
  VILLAGE_COLLECTIVE_ECONOMY(
      "村级集体经济", 4, 9, 0.9, types(ContentType.ARTICLE, ContentType.GALLERY), w(0.85, 0.15)),
  DANGQI_RUHUA_TV("《党旗如画》", 7, 2, 1.0, types(ContentType.VIDEO), w(1)),
  DANGQI_RUHUA_RADIO("《党旗如画》", 5, 1, 0.6, types(ContentType.AUDIO), w(1)),
  SHOUCHENG_WEBSITE(
      "寿城党旗红", 5, 4, 0.8, types(ContentType.GALLERY, ContentType.ARTICLE), w(0.6, 0.4)),
  OUTSTANDING_MEMBERS("优秀共产党员", 4, 5, 1.1, types(ContentType.ARTICLE), w(1)),
  REMOTE_COURSES("党员远程教育", 7, 3, 0.7, types(ContentType.COURSE), w(1)),
  /** Everyday work news; half of it carries the column 工作动态, half no column at all. */
  NEWS(null, 20, 30, 0.8, types(ContentType.ARTICLE, ContentType.GALLERY), w(0.85, 0.15));

  private final String column;
  private final double cityWeight;
  private final double countyWeight;
  private final double appeal;
  private final ContentType[] contentTypes;
  private final double[] contentTypeWeights;

  Series(
      String column,
      double cityWeight,
      double countyWeight,
      double appeal,
      ContentType[] contentTypes,
      double[] contentTypeWeights) {
    this.column = column;
    this.cityWeight = cityWeight;
    this.countyWeight = countyWeight;
    this.appeal = appeal;
    this.contentTypes = contentTypes;
    this.contentTypeWeights = contentTypeWeights;
  }

  /** The Article's {@code series} (column or programme); null for plain news half the time. */
  String column(SeededRandom random) {
    if (this == NEWS) {
      return random.chance(0.5) ? "工作动态" : null;
    }
    return column;
  }

  ContentType contentType(SeededRandom random) {
    return contentTypes[random.weighted(contentTypeWeights)];
  }

  /** Relative pull on readers, multiplied into the article's popularity. */
  double appeal() {
    return appeal;
  }

  /** A series drawn for the city office ({@code city}) or a county/district office. */
  static Series draw(boolean city, SeededRandom random) {
    Series[] all = values();
    double[] weights = new double[all.length];
    for (int i = 0; i < all.length; i++) {
      weights[i] = city ? all[i].cityWeight : all[i].countyWeight;
    }
    return all[random.weighted(weights)];
  }

  private static ContentType[] types(ContentType... values) {
    return values;
  }

  private static double[] w(double... values) {
    return values;
  }
}
