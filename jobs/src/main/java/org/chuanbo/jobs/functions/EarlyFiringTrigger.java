package org.chuanbo.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires an event-time window when the watermark passes its end (as the default trigger does), at
 * once for each late element, and — so that a fresh event shows up within seconds even on a quiet
 * night when no later event moves the watermark — a short processing-time interval after new
 * elements arrive. A window with no new elements sets no timers.
 */
public final class EarlyFiringTrigger extends Trigger<Object, TimeWindow> {

  private static final ValueStateDescriptor<Long> EARLY_TIMER =
      new ValueStateDescriptor<>("early-timer", Long.class);

  private final long intervalMillis;

  public EarlyFiringTrigger(Duration interval) {
    this.intervalMillis = interval.toMillis();
  }

  @Override
  public TriggerResult onElement(
      Object element, long timestamp, TimeWindow window, TriggerContext context) throws Exception {
    if (window.maxTimestamp() <= context.getCurrentWatermark()) {
      return TriggerResult.FIRE; // late but within the allowed lateness: correct the result now
    }
    context.registerEventTimeTimer(window.maxTimestamp());
    ValueState<Long> early = context.getPartitionedState(EARLY_TIMER);
    if (early.value() == null) {
      long at = context.getCurrentProcessingTime() + intervalMillis;
      context.registerProcessingTimeTimer(at);
      early.update(at);
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext context)
      throws Exception {
    context.getPartitionedState(EARLY_TIMER).clear();
    return TriggerResult.FIRE;
  }

  @Override
  public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext context) {
    return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  @Override
  public void clear(TimeWindow window, TriggerContext context) throws Exception {
    ValueState<Long> early = context.getPartitionedState(EARLY_TIMER);
    if (early.value() != null) {
      context.deleteProcessingTimeTimer(early.value());
    }
    early.clear();
    context.deleteEventTimeTimer(window.maxTimestamp());
  }
}
