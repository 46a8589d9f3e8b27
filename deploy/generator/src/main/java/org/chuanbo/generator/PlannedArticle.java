package org.chuanbo.generator;

import java.util.List;
import java.util.Map;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;

/**
 * A piece as the generator plans it: the versions the CMS sends (with when), how popular it is, on
 * which channels it is published.
 *
 * @param latest the last version (the first, unless a correction follows)
 * @param sends the versions to send to {@code chuanbo.articles}, with their send times
 * @param popularity relative attention over its life ({@link Popularity})
 * @param channels relative attention per channel it is published on ({@link ChannelMix})
 */
record PlannedArticle(
    Article latest, List<VersionSend> sends, double popularity, Map<Channel, Double> channels) {

  /** One version and when the CMS sends it. */
  record VersionSend(Article version, long sendAtMillis) {}

  String id() {
    return latest.articleId();
  }

  long publishedAtMillis() {
    return latest.publishedAt().toEpochMilli();
  }
}
