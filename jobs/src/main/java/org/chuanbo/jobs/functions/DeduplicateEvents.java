package org.chuanbo.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.records.EnrichedEvent;

/**
 * Passes the first event of each {@code event_id} and drops repeats (collectors deliver at least
 * once). Keyed by event id; the remembered ids expire after the lateness horizon, past which a
 * retry no longer arrives. Each dropped repeat leaves through {@link #DUPLICATES}, so that the
 * data-quality table can count it.
 */
public final class DeduplicateEvents
    extends KeyedProcessFunction<String, EnrichedEvent, EnrichedEvent> {

  /** The repeats this operator dropped, each as it arrived (its own Kafka timestamp). */
  public static final OutputTag<EnrichedEvent> DUPLICATES = new OutputTag<>("duplicate-events") {};

  private final Duration horizon;
  private transient ValueState<Boolean> seen;

  public DeduplicateEvents(Duration horizon) {
    this.horizon = horizon;
  }

  @Override
  public void open(OpenContext context) {
    seen = getRuntimeContext().getState(seenDescriptor(horizon));
  }

  /**
   * The one state of this operator: a flag per event id, kept for {@code horizon} after it is
   * written. Whoever reads a savepoint of it must register the same descriptor.
   */
  public static ValueStateDescriptor<Boolean> seenDescriptor(Duration horizon) {
    ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Boolean.class);
    descriptor.enableTimeToLive(
        StateTtlConfig.newBuilder(horizon)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build());
    return descriptor;
  }

  @Override
  public void processElement(EnrichedEvent event, Context context, Collector<EnrichedEvent> out)
      throws Exception {
    if (seen.value() == null) {
      seen.update(Boolean.TRUE);
      out.collect(event);
    } else {
      context.output(DUPLICATES, event);
    }
  }
}
