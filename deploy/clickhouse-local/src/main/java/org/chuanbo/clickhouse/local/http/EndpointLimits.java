package org.chuanbo.clickhouse.local.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much one request may take from the endpoint, so that no client — careless or hostile — can
 * knock it over and stop the job's inserts. The defaults suit this project's local stack; each one
 * is a flag of {@code ./chuanbo clickhouse} and documented in the README.
 *
 * @param maxQueryTime a statement's longest run (the engine's {@code max_execution_time}); INSERTs
 *     are bounded by their body instead
 * @param maxQueryMemoryBytes a statement's memory (the engine's {@code max_memory_usage})
 * @param maxResultBytes the largest answer (the engine's {@code max_result_bytes}): answers are
 *     held whole before they are sent, so this bounds that buffer
 * @param maxBodyBytes the largest request body, after content decoding
 * @param maxBlockBytes the largest block of a {@code decompress=1} body, checked before allocating
 * @param concurrentReads statements other than INSERT running at once
 * @param concurrentInserts INSERTs running at once: a lane of their own, so the job's inserts never
 *     wait behind readers
 * @param queueWait how long a request waits for a free place before it is refused (code 202)
 */
public record EndpointLimits(
    Duration maxQueryTime,
    long maxQueryMemoryBytes,
    long maxResultBytes,
    long maxBodyBytes,
    int maxBlockBytes,
    int concurrentReads,
    int concurrentInserts,
    Duration queueWait) {

  /** Settings a user other than admin may lower but never raise or lift. */
  static final List<String> GUARDED_SETTINGS =
      List.of(
          "readonly",
          "max_execution_time",
          "max_memory_usage",
          "max_memory_usage_for_user",
          "max_result_bytes",
          "result_overflow_mode",
          "timeout_overflow_mode");

  public EndpointLimits {
    if (maxQueryTime.isNegative() || maxQueryTime.isZero()) {
      throw new IllegalArgumentException("the query time limit must be positive");
    }
    positive(maxQueryMemoryBytes, "the query memory limit");
    positive(maxResultBytes, "the result size limit");
    positive(maxBodyBytes, "the request body limit");
    positive(maxBlockBytes, "the compressed block limit");
    positive(concurrentReads, "the concurrent reads");
    positive(concurrentInserts, "the concurrent inserts");
  }

  public static EndpointLimits defaults() {
    return new EndpointLimits(
        Duration.ofSeconds(120),
        4L << 30,
        512L << 20,
        1L << 30,
        64 << 20,
        16,
        8,
        Duration.ofSeconds(10));
  }

  /**
   * The engine settings for a user's statement: none for the admin; the limits for the others, and
   * {@code readonly=2} for a reader, so the engine itself refuses a reader's writes.
   */
  Map<String, String> settingsFor(Role role, boolean insert) {
    if (role == Role.ADMIN) {
      return Map.of();
    }
    Map<String, String> settings = engineSettings(insert);
    if (role == Role.READER) {
      settings.put("readonly", "2");
    }
    return settings;
  }

  /**
   * Refuses a URL setting that would raise or lift a limit; lowering one is fine.
   *
   * @return why the setting is refused, or empty when it is fine
   */
  Optional<String> refusal(String name, String value) {
    String text = value == null ? "" : value.strip();
    long ceiling =
        switch (name) {
          case "max_execution_time" -> Math.max(1, maxQueryTime.toSeconds());
          case "max_memory_usage", "max_memory_usage_for_user" -> maxQueryMemoryBytes;
          case "max_result_bytes" -> maxResultBytes;
          case "readonly" -> 2;
          case "result_overflow_mode", "timeout_overflow_mode" -> -1;
          default -> Long.MAX_VALUE;
        };
    if (ceiling == -1) {
      return text.equals("throw") ? Optional.empty() : Optional.of(name + " may only be 'throw'");
    }
    long asked;
    try {
      asked = (long) Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Optional.of(name + " must be a number");
    }
    long floor = 1;
    if (asked < floor || asked > ceiling) {
      return Optional.of(
          name + " may be lowered but not raised or lifted: between " + floor + " and " + ceiling);
    }
    return Optional.empty();
  }

  /**
   * The engine settings that hold a statement of a user other than admin to these limits.
   *
   * @param insert an INSERT, which has no time limit: a large body legitimately takes time
   */
  Map<String, String> engineSettings(boolean insert) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (!insert) {
      settings.put("max_execution_time", Long.toString(Math.max(1, maxQueryTime.toSeconds())));
      settings.put("timeout_overflow_mode", "throw");
    }
    settings.put("max_memory_usage", Long.toString(maxQueryMemoryBytes));
    settings.put("max_result_bytes", Long.toString(maxResultBytes));
    settings.put("result_overflow_mode", "throw");
    return settings;
  }

  private static void positive(long value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive");
    }
  }
}
