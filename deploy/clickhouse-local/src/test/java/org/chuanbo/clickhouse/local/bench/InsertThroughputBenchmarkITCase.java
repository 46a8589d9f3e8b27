package org.chuanbo.clickhouse.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.junit.jupiter.api.Test;

/**
 * The benchmark runs and checks its own inserts (each round verifies the row count). Its speed is
 * printed, never asserted here: figures come from {@code ./chuanbo clickhouse-bench}.
 */
class InsertThroughputBenchmarkITCase {

  @Test
  void shouldMeasureBothPathsOnVerifiedInserts() {
    InsertThroughputBenchmark.Report report =
        new InsertThroughputBenchmark(LocalClickHouse.engine().dataDirectory(), 20_000, 2).run();
    System.out.println(report.describe());
    assertThat(report.inProcess()).hasSize(2).allSatisfy(rate -> assertThat(rate).isPositive());
    assertThat(report.overHttp()).hasSize(2).allSatisfy(rate -> assertThat(rate).isPositive());
    assertThat(report.describe()).contains("HTTP / in-process");
  }
}
