package org.chuanbo.jobs.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.records.ArticleSpread;
import org.chuanbo.jobs.records.CascadeShare;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.PlatformReport;
import org.chuanbo.jobs.spread.ArticleSpreadState;
import org.chuanbo.jobs.spread.DisseminationIndex;
import org.chuanbo.jobs.spread.SpreadSettings;

/**
 * How each article spread (DOMAIN.md "Metrics", "Share cascades", "Platform-reported counts"),
 * keyed by article id: events on the first input, platform reports on the second. Shares are
 * attached to the article's share tree in any arrival order and leave at once on {@link #CASCADE}
 * (a {@code share_cascade} row each, final); the article's whole spread — effective counts, reach,
 * the cascade's shape, structural virality and the dissemination index — leaves as a new revision
 * at most every {@code emitInterval}, once something changed. Metric: {@code sharesGivenUp}.
 */
public final class TrackArticleSpread
    extends KeyedCoProcessFunction<String, EnrichedEvent, PlatformReport, ArticleSpread> {

  public static final OutputTag<CascadeShare> CASCADE = new OutputTag<>("share-cascade") {};

  private final SpreadSettings settings;
  private final DisseminationIndex index;
  private transient ArticleSpreadState state;
  private transient Counter sharesGivenUp;

  public TrackArticleSpread(SpreadSettings settings, DisseminationIndex index) {
    this.settings = settings;
    this.index = index;
  }

  @Override
  public void open(OpenContext context) {
    state = new ArticleSpreadState(getRuntimeContext(), settings);
    sharesGivenUp = getRuntimeContext().getMetricGroup().counter("sharesGivenUp");
  }

  @Override
  public void processElement1(EnrichedEvent event, Context context, Collector<ArticleSpread> out)
      throws Exception {
    ArticleSpreadState.Update update =
        state.add(event, context.getCurrentKey(), revisionDueAt(context));
    for (CascadeShare share : update.attached()) {
      context.output(CASCADE, share);
      if (share.parentMissing()) {
        sharesGivenUp.inc();
      }
    }
    setTimer(context, update.revisionTimer());
  }

  @Override
  public void processElement2(PlatformReport report, Context context, Collector<ArticleSpread> out)
      throws Exception {
    setTimer(context, state.offer(report, revisionDueAt(context)));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<ArticleSpread> out)
      throws Exception {
    out.collect(
        state.nextRevision(
            context.getCurrentKey(), index, context.timerService().currentProcessingTime()));
  }

  private long revisionDueAt(Context context) {
    return context.timerService().currentProcessingTime() + settings.emitInterval().toMillis();
  }

  private static void setTimer(Context context, Long at) {
    if (at != null) {
      context.timerService().registerProcessingTimeTimer(at);
    }
  }
}
