package org.chuanbo.schemas;

import org.chuanbo.schemas.records.DisseminationEvent;

/**
 * The events the schemas benchmarks read, by name (a JMH {@code @Param}): the two ends of what
 * collectors send. A generated stream cannot be used here, since the generator depends on this
 * module; the job's benchmarks decode a generated day.
 */
public final class BenchmarkEvents {

  /** The values the benchmarks' {@code shape} parameter takes. */
  public static final String MINIMAL = "minimal";

  public static final String FULL = "full";

  private BenchmarkEvents() {}

  /**
   * {@link #MINIMAL}: a TV VIEW with the required fields only; {@link #FULL}: a WeChat SHARE with
   * every field set, Chinese text and attributes.
   */
  public static DisseminationEvent event(String shape) {
    return switch (shape) {
      case MINIMAL -> TestRecords.minimalEvent();
      case FULL -> TestRecords.fullEvent();
      default -> throw new IllegalArgumentException("no benchmark event shaped " + shape);
    };
  }
}
