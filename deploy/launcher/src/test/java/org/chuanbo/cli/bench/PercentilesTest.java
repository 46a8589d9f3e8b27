package org.chuanbo.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles: every figure is a value that was observed. */
class PercentilesTest {

  @Test
  void shouldTakeTheNearestRankOfAHundredValuesInAnyOrder() {
    List<Long> values = new ArrayList<>();
    for (long i = 1; i <= 100; i++) {
      values.add(i);
    }
    Collections.shuffle(values, new java.util.Random(7));

    Percentiles percentiles = Percentiles.of(values);

    assertThat(percentiles.count()).isEqualTo(100);
    assertThat(percentiles.p50()).isEqualTo(50);
    assertThat(percentiles.p99()).isEqualTo(99);
    assertThat(percentiles.max()).isEqualTo(100);
  }

  @Test
  void shouldMakeTheSlowestOfTwentyRunsTheP99() {
    List<Double> runs = new ArrayList<>(Collections.nCopies(19, 10.0));
    runs.add(250.0);

    Percentiles percentiles = Percentiles.of(runs);

    assertThat(percentiles.p50()).isEqualTo(10.0);
    assertThat(percentiles.p99()).isEqualTo(250.0);
  }

  @Test
  void shouldGiveTheOnlyValueForEveryPercentileOfOne() {
    assertThat(Percentiles.of(List.of(42))).isEqualTo(new Percentiles(1, 42, 42, 42));
  }

  @Test
  void shouldTakeTheLowerMiddleOfAnEvenSample() {
    assertThat(Percentiles.of(List.of(4, 1, 3, 2)).p50()).isEqualTo(2);
  }

  @Test
  void shouldRefuseAnEmptySampleAndAPercentOutOfRange() {
    assertThatThrownBy(() -> Percentiles.of(List.<Long>of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.rank(new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.rank(new double[] {1}, 101))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
