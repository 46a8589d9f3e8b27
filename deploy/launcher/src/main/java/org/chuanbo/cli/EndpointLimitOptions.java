package org.chuanbo.cli;

import java.time.Duration;
import org.chuanbo.clickhouse.local.http.EndpointLimits;
import picocli.CommandLine.Option;

/**
 * The ClickHouse endpoint's limits as flags; each unset one keeps {@link
 * EndpointLimits#defaults()}, which the README's Security section lists.
 */
final class EndpointLimitOptions {

  private static final EndpointLimits DEFAULTS = EndpointLimits.defaults();

  @Option(
      names = "--max-query-seconds",
      paramLabel = "N",
      description =
          "Longest run of a statement other than INSERT, for users but admin (default: 120).")
  Long maxQuerySeconds;

  @Option(
      names = "--max-query-memory",
      paramLabel = "BYTES",
      description = "Memory of one statement, for users but admin (default: 4 GiB).")
  Long maxQueryMemory;

  @Option(
      names = "--max-result-bytes",
      paramLabel = "BYTES",
      description = "Largest answer, for users but admin (default: 512 MiB).")
  Long maxResultBytes;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "BYTES",
      description = "Largest request body, after decoding (default: 1 GiB).")
  Long maxBodyBytes;

  @Option(
      names = "--max-block-bytes",
      paramLabel = "BYTES",
      description = "Largest block of a decompress=1 body (default: 64 MiB).")
  Integer maxBlockBytes;

  @Option(
      names = "--concurrent-reads",
      paramLabel = "N",
      description = "Statements other than INSERT running at once (default: 16).")
  Integer concurrentReads;

  @Option(
      names = "--concurrent-inserts",
      paramLabel = "N",
      description = "INSERTs running at once, in a lane of their own (default: 8).")
  Integer concurrentInserts;

  EndpointLimits limits() {
    return new EndpointLimits(
        maxQuerySeconds != null ? Duration.ofSeconds(maxQuerySeconds) : DEFAULTS.maxQueryTime(),
        or(maxQueryMemory, DEFAULTS.maxQueryMemoryBytes()),
        or(maxResultBytes, DEFAULTS.maxResultBytes()),
        or(maxBodyBytes, DEFAULTS.maxBodyBytes()),
        maxBlockBytes != null ? maxBlockBytes : DEFAULTS.maxBlockBytes(),
        concurrentReads != null ? concurrentReads : DEFAULTS.concurrentReads(),
        concurrentInserts != null ? concurrentInserts : DEFAULTS.concurrentInserts(),
        DEFAULTS.queueWait());
  }

  private static long or(Long value, long fallback) {
    return value != null ? value : fallback;
  }
}
