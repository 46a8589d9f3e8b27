package org.chuanbo.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code ./chuanbo bench} run does.
 *
 * @param events events loaded into Kafka before the job starts (the e2e and limit phases read them)
 * @param rates produce rates of the freshness phases, events/s, in the order they run
 * @param freshnessPhase how long each freshness phase produces
 * @param queryRows events loaded straight into the tables for the query latencies (the issue's
 *     figure is 10 million, whatever {@code events} is)
 * @param queryRuns timed runs of each query (after one warm-up run)
 * @param queryBudget time after which a query's runs stop early (three runs at least)
 * @param insertRows rows of each insert when HTTP and in-process inserts are compared
 * @param parallelism the job's parallelism, as {@code stack up} runs it
 * @param json where to write the JSON report, if anywhere
 * @param phases every phase, or the queries alone
 */
public record BenchSettings(
    long events,
    List<Integer> rates,
    Duration freshnessPhase,
    long queryRows,
    int queryRuns,
    Duration queryBudget,
    int insertRows,
    int parallelism,
    long seed,
    Optional<Path> json,
    BenchPhases phases) {

  public static final long DEFAULT_EVENTS = 2_000_000;
  public static final List<Integer> DEFAULT_RATES = List.of(5_000, 20_000);
  public static final long DEFAULT_QUERY_ROWS = 10_000_000;

  /** Rounds of each insert path: the best is the figure, as {@code clickhouse-bench} reports. */
  public static final int INSERT_ROUNDS = 5;

  public BenchSettings {
    rates = List.copyOf(rates);
  }

  /** The first thing wrong with these settings, as one line a user can act on; empty if none. */
  public Optional<String> problem() {
    if (events < 1) {
      return Optional.of("--events must be at least 1, got " + events);
    }
    if (events > 100_000_000) {
      return Optional.of(
          "--events must be at most 100000000 (it is held in memory), got " + events);
    }
    if (rates.isEmpty()) {
      return Optional.of("--rate needs at least one rate");
    }
    for (int rate : rates) {
      if (rate < 1 || rate > 1_000_000) {
        return Optional.of("--rate must be between 1 and 1000000 events/s, got " + rate);
      }
    }
    if (freshnessPhase.isNegative() || freshnessPhase.toMillis() < 1000) {
      return Optional.of("--freshness-duration must be at least PT1S, got " + freshnessPhase);
    }
    if (queryRows < 1000) {
      return Optional.of("--query-rows must be at least 1000, got " + queryRows);
    }
    if (queryRuns < 1) {
      return Optional.of("--query-runs must be at least 1, got " + queryRuns);
    }
    if (queryBudget.isNegative() || queryBudget.isZero()) {
      return Optional.of("--query-budget must be positive, got " + queryBudget);
    }
    if (insertRows < 1000) {
      return Optional.of("--insert-rows must be at least 1000, got " + insertRows);
    }
    if (parallelism < 1) {
      return Optional.of("--parallelism must be at least 1, got " + parallelism);
    }
    return Optional.empty();
  }
}
