package org.chuanbo.jobs.functions;

import org.apache.flink.api.java.functions.KeySelector;
import org.chuanbo.jobs.records.ArticleChannel;
import org.chuanbo.jobs.records.EnrichedEvent;

/** Keys events by article and channel, the grain of {@code chuanbo.article_minute}. */
public final class ArticleChannelKey implements KeySelector<EnrichedEvent, ArticleChannel> {

  @Override
  public ArticleChannel getKey(EnrichedEvent event) {
    return new ArticleChannel(event.articleId(), event.channel());
  }
}
