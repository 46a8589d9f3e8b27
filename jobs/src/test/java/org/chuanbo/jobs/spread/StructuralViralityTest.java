package org.chuanbo.jobs.spread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Structural virality on trees computed by hand (DOMAIN.md "Share cascades"). */
class StructuralViralityTest {

  @Test
  void shouldGiveTheDomainExample() {
    // root(0) → s1(1) → s2(2), root → s3(3): pairs at 1, 2, 1, 1, 2, 3 → 10 / 6.
    StructuralVirality.Result result =
        StructuralVirality.of(new int[] {0, 0, 1, 0}, new int[] {0, 1, 2, 1}, 100);
    assertThat(result.value()).isCloseTo(10.0 / 6, within(1e-12));
    assertThat(result.estimated()).isFalse();
  }

  @Test
  void shouldGrowWithAChain() {
    // root → a → b → c → d: distances 1×4 + 2×3 + 3×2 + 4×1 = 20 over 10 pairs.
    StructuralVirality.Result result =
        StructuralVirality.of(new int[] {0, 0, 1, 2, 3}, new int[] {0, 1, 2, 3, 4}, 100);
    assertThat(result.value()).isEqualTo(2.0);
  }

  @Test
  void shouldStayBelowTwoForABroadcast() {
    // root with 9 children: 9 pairs at 1, 36 pairs at 2 → 81 / 45 = 1.8.
    int[] parent = new int[10];
    int[] depth = new int[10];
    for (int i = 1; i < 10; i++) {
      depth[i] = 1;
    }
    assertThat(StructuralVirality.of(parent, depth, 100).value()).isCloseTo(1.8, within(1e-12));
  }

  @Test
  void shouldBeZeroForTheRootAlone() {
    assertThat(StructuralVirality.of(new int[] {0}, new int[] {0}, 100).value()).isZero();
  }

  @Test
  void shouldEstimateLargeTreesCloselyAndSaySo() {
    // A random tree of 3,000 nodes, limit 1,000: the estimate is flagged and near the exact value.
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    int n = 3_000;
    int[] parent = new int[n];
    int[] depth = new int[n];
    for (int i = 1; i < n; i++) {
      parent[i] = random.nextInt(i);
      depth[i] = depth[parent[i]] + 1;
    }
    double exact = StructuralVirality.of(parent, depth, n).value();
    StructuralVirality.Result estimate = StructuralVirality.of(parent, depth, 1_000);
    assertThat(estimate.estimated()).isTrue();
    assertThat(estimate.value()).isCloseTo(exact, within(exact * 0.05));
  }
}
