package org.chuanbo.jobs.functions;

import org.apache.flink.api.common.functions.MapFunction;
import org.chuanbo.jobs.records.ArticleMinuteDelta;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.MinuteCounts;

/**
 * An event later than the allowed lateness, whose window is gone, still counts: it becomes a
 * one-event correction row for its minute, which the table sums in like any other delta.
 */
public final class LateEventCorrection implements MapFunction<EnrichedEvent, ArticleMinuteDelta> {

  private static final long MINUTE_MILLIS = 60_000;

  @Override
  public ArticleMinuteDelta map(EnrichedEvent event) {
    long minute = Math.floorDiv(event.eventTimeMillis(), MINUTE_MILLIS) * MINUTE_MILLIS;
    return new ArticleMinuteDelta(
        event.articleId(), event.channel(), minute, MinuteCounts.of(event));
  }
}
