package org.chuanbo.jobs.functions;

import org.apache.flink.api.java.functions.KeySelector;
import org.chuanbo.jobs.records.EnrichedEvent;

/** Keys events by article and channel, the grain of {@code chuanbo.article_minute}. */
public final class ArticleChannelKey implements KeySelector<EnrichedEvent, String> {

  /** Channel codes never contain it; article ids may contain anything but are split at the last. */
  static final char SEPARATOR = '|';

  @Override
  public String getKey(EnrichedEvent event) {
    return event.articleId() + SEPARATOR + event.channel();
  }
}
