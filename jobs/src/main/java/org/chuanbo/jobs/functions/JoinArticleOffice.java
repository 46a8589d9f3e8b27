package org.chuanbo.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.chuanbo.jobs.records.ArticleVersion;
import org.chuanbo.jobs.records.EnrichedEvent;

/**
 * Gives each event its article's office, keyed by article id. The latest article version is kept
 * (by {@code updated_at}); events of an article not seen yet wait — bounded by {@code maxWait} of
 * processing time — and then go on with office {@code unknown} rather than being held forever or
 * dropped: a count is never lost for want of a dimension row. Every article version is also passed
 * on, to be stored.
 */
public final class JoinArticleOffice
    extends KeyedCoProcessFunction<String, EnrichedEvent, ArticleVersion, EnrichedEvent> {

  private final long maxWaitMillis;
  private transient ValueState<ArticleVersion> article;
  private transient ListState<EnrichedEvent> waiting;
  private transient ValueState<Long> releaseAt;

  public JoinArticleOffice(Duration maxWait) {
    this.maxWaitMillis = maxWait.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    article =
        getRuntimeContext().getState(new ValueStateDescriptor<>("article", ArticleVersion.class));
    waiting =
        getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", EnrichedEvent.class));
    releaseAt = getRuntimeContext().getState(new ValueStateDescriptor<>("release-at", Long.class));
  }

  @Override
  public void processElement1(EnrichedEvent event, Context context, Collector<EnrichedEvent> out)
      throws Exception {
    ArticleVersion known = article.value();
    if (known != null) {
      out.collect(event.withOffice(known.office()));
      return;
    }
    waiting.add(event);
    if (releaseAt.value() == null) {
      long at = context.timerService().currentProcessingTime() + maxWaitMillis;
      context.timerService().registerProcessingTimeTimer(at);
      releaseAt.update(at);
    }
  }

  @Override
  public void processElement2(ArticleVersion version, Context context, Collector<EnrichedEvent> out)
      throws Exception {
    ArticleVersion known = article.value();
    if (known == null || version.updatedAtMillis() >= known.updatedAtMillis()) {
      article.update(version);
    }
    release(article.value().office(), context, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<EnrichedEvent> out)
      throws Exception {
    release(EnrichedEvent.UNKNOWN_OFFICE, context, out);
  }

  private void release(String office, Context context, Collector<EnrichedEvent> out)
      throws Exception {
    for (EnrichedEvent event : waiting.get()) {
      out.collect(event.withOffice(office));
    }
    waiting.clear();
    Long timer = releaseAt.value();
    if (timer != null) {
      context.timerService().deleteProcessingTimeTimer(timer);
      releaseAt.clear();
    }
  }
}
