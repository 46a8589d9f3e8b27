package org.chuanbo.dashboards.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadableCapTest {

  @Test
  void shouldRoundUpToAMultipleOfHalfThePowerOfTen() {
    assertThat(ReadableCap.above(43_210)).isEqualTo(45_000);
    assertThat(ReadableCap.above(45_001)).isEqualTo(50_000);
    assertThat(ReadableCap.above(50_000)).isEqualTo(50_000);
    assertThat(ReadableCap.above(987)).isEqualTo(1_000);
    assertThat(ReadableCap.above(120)).isEqualTo(150);
    assertThat(ReadableCap.above(17)).isEqualTo(20);
    assertThat(ReadableCap.above(10)).isEqualTo(10);
  }

  @Test
  void shouldKeepSmallCountsWholeAndNeverProposeZero() {
    assertThat(ReadableCap.above(6)).isEqualTo(6);
    assertThat(ReadableCap.above(1)).isEqualTo(1);
    assertThat(ReadableCap.above(0)).isEqualTo(1);
  }
}
