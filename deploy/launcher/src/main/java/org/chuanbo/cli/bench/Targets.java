package org.chuanbo.cli.bench;

import java.util.Map;

/**
 * The targets of issue 10 for this 2-core machine, all local; each figure is shown beside its own.
 */
public final class Targets {

  public static final double E2E_EVENTS_PER_S = 100_000;
  public static final double E2E_RATIO_TO_LIMIT = 0.40;

  /** Freshness p99 by produce rate; a rate the issue names no target for has none. */
  public static final Map<Integer, Double> FRESHNESS_P99_MS =
      Map.of(5_000, 2_000.0, 20_000, 5_000.0);

  public static final double QUERY_P99_MS = 300;
  public static final double STATE_BYTES_PER_DEDUP_ID = 64;

  private Targets() {}
}
