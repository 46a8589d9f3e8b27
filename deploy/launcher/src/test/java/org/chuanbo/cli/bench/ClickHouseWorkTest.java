package org.chuanbo.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseWorkTest {

  @Test
  void theWorkIsWhatTheCountersMovedInUnitsOfSeconds() {
    ClickHouseWork.Sample before =
        new ClickHouseWork.Sample(
            Map.of(
                "InsertQuery", 10L,
                "InsertedRows", 1_000L,
                "InsertQueryTimeMicroseconds", 2_000_000L,
                "MergeTreeDataWriterRows", 800L,
                "MergedRows", 500L,
                "MergeTotalMilliseconds", 1_000L,
                "UserTimeMicroseconds", 1_000_000L));
    ClickHouseWork.Sample after =
        new ClickHouseWork.Sample(
            Map.of(
                "InsertQuery", 30L,
                "InsertedRows", 6_000L,
                "InsertQueryTimeMicroseconds", 4_500_000L,
                "MergeTreeDataWriterRows", 4_800L,
                "Merge", 7L,
                "MergedRows", 12_500L,
                "MergeTotalMilliseconds", 4_000L,
                "UserTimeMicroseconds", 3_000_000L,
                "SystemTimeMicroseconds", 500_000L));

    ClickHouseWork.Result work = ClickHouseWork.between(before, after);

    assertThat(work.inserts()).isEqualTo(20);
    assertThat(work.insertedRows()).isEqualTo(5_000);
    assertThat(work.insertSeconds()).isEqualTo(2.5);
    assertThat(work.partRows()).isEqualTo(4_000);
    assertThat(work.merges()).as("absent before: the engine had not merged yet").isEqualTo(7);
    assertThat(work.mergedRowsPerPartRow()).as("12,000 read again over 4,000").isEqualTo(3.0);
    assertThat(work.mergeSeconds()).isEqualTo(3.0);
    assertThat(work.selects()).as("never moved").isZero();
    assertThat(work.threadCpuSeconds()).isEqualTo(2.5);
  }
}
