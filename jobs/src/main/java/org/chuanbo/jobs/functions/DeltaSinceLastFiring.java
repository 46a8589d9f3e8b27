package org.chuanbo.jobs.functions;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.chuanbo.jobs.records.ArticleChannel;
import org.chuanbo.jobs.records.ArticleMinuteDelta;
import org.chuanbo.jobs.records.MinuteCounts;

/**
 * Emits what a window gained since it last fired. A window fires early (every second or so), at its
 * end, and again for each late event; emitting deltas instead of totals is what lets the table be
 * summed without FINAL and without knowing how often a window fired.
 */
public final class DeltaSinceLastFiring
    extends ProcessWindowFunction<MinuteCounts, ArticleMinuteDelta, ArticleChannel, TimeWindow> {

  private static final ValueStateDescriptor<MinuteCounts> EMITTED =
      new ValueStateDescriptor<>("emitted", MinuteCounts.class);

  @Override
  public void process(
      ArticleChannel key,
      Context context,
      Iterable<MinuteCounts> totals,
      Collector<ArticleMinuteDelta> out)
      throws Exception {
    MinuteCounts total = totals.iterator().next();
    ValueState<MinuteCounts> emitted = context.windowState().getState(EMITTED);
    MinuteCounts before = emitted.value() == null ? new MinuteCounts() : emitted.value();
    MinuteCounts delta = total.minus(before);
    if (delta.isZero()) {
      return;
    }
    emitted.update(total.copy());
    out.collect(
        new ArticleMinuteDelta(key.articleId(), key.channel(), context.window().getStart(), delta));
  }

  @Override
  public void clear(Context context) {
    context.windowState().getState(EMITTED).clear();
  }
}
