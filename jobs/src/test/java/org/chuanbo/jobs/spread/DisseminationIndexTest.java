package org.chuanbo.jobs.spread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.chuanbo.jobs.records.DisseminationScore;
import org.chuanbo.jobs.spread.DisseminationIndex.Component;
import org.junit.jupiter.api.Test;

class DisseminationIndexTest {

  private final DisseminationIndex v1 = DisseminationIndex.released().get(0);

  @Test
  void shouldLoadTheReleasedVersionWithWeightsSummingToOne() {
    assertThat(v1.version()).isEqualTo(1);
    double sum = 0;
    for (Component component : Component.values()) {
      sum += v1.weight(component);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
    assertThat(v1.cap(Component.CHANNELS)).isEqualTo(6);
  }

  @Test
  void shouldScoreEachComponentOnALogScaleUpToItsCap() {
    DisseminationScore score = v1.score(0, 0, 0, 0, 0, 0, 0);
    assertThat(score.di()).isZero();

    // Every component at its cap: 1000 points.
    DisseminationScore full = v1.score(50_000, 100_000, 5_000, 2_000, 20, 6, 6);
    assertThat(full.di()).isEqualTo(1000.0);

    // Past the cap counts as the cap.
    assertThat(v1.score(10_000_000, 100_000, 5_000, 2_000, 20, 6, 6).di()).isEqualTo(1000.0);

    // Depth 2 of cap 6: 1000 × 0.10 × ln 3 / ln 7.
    DisseminationScore depthOnly = v1.score(0, 0, 0, 0, 0, 2, 0);
    assertThat(depthOnly.depth()).isCloseTo(100 * Math.log(3) / Math.log(7), within(1e-9));
    assertThat(depthOnly.di()).isEqualTo(56.5);
    assertThat(depthOnly.configVersion()).isEqualTo(1);
  }

  @Test
  void shouldRefuseAConfigWhoseWeightsDoNotAddUp() {
    String broken =
        """
        version=9
        components=reach,views,engagements,shares,reposts,depth,channels
        reach.weight=0.5
        reach.cap=10
        views.weight=0.5
        views.cap=10
        engagements.weight=0.5
        engagements.cap=10
        shares.weight=0
        shares.cap=10
        reposts.weight=0
        reposts.cap=10
        depth.weight=0
        depth.cap=10
        channels.weight=0
        channels.cap=10
        """;
    assertThatThrownBy(() -> DisseminationIndex.parse("v9.properties", broken))
        .hasMessageContaining("weights sum to 1.5");
  }
}
