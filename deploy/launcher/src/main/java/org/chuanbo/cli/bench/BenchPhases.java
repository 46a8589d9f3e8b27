package org.chuanbo.cli.bench;

import java.util.Optional;

/**
 * What one bench run measures: every phase, or the report queries alone ({@code --only queries}).
 * The queries alone need neither Kafka nor the job, only the ClickHouse endpoint and the query
 * load, so working on a query's latency takes a minute or two instead of the whole run's ten.
 */
public enum BenchPhases {
  ALL,
  QUERIES;

  /** The phases {@code --only} names ({@code queries}); empty for a word it does not know. */
  public static Optional<BenchPhases> ofOnly(String only) {
    return only.equals("queries") ? Optional.of(QUERIES) : Optional.empty();
  }

  public boolean pipeline() {
    return this == ALL;
  }
}
