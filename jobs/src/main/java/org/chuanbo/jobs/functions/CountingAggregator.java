package org.chuanbo.jobs.functions;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.MinuteCounts;

/** Adds up one window's events into {@link MinuteCounts}; the window keeps only the counts. */
public final class CountingAggregator
    implements AggregateFunction<EnrichedEvent, MinuteCounts, MinuteCounts> {

  @Override
  public MinuteCounts createAccumulator() {
    return new MinuteCounts();
  }

  @Override
  public MinuteCounts add(EnrichedEvent event, MinuteCounts counts) {
    counts.add(event);
    return counts;
  }

  @Override
  public MinuteCounts getResult(MinuteCounts counts) {
    return counts;
  }

  @Override
  public MinuteCounts merge(MinuteCounts a, MinuteCounts b) {
    a.addAll(b);
    return a;
  }
}
