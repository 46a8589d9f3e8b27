package org.chuanbo.jobs.spread;

import java.util.SplittableRandom;

/**
 * Structural virality of a share tree (Goel, Anderson, Hofman & Watts, "The structural virality of
 * online diffusion", Management Science 2016): the mean shortest-path distance over all unordered
 * pairs of nodes, the root (the article) included. A broadcast stays near 2, a chain grows with its
 * length.
 *
 * <p>Exact in O(n log n) through the Wiener index of a tree: every edge between a node and its
 * parent lies on the paths of size × (n − size) pairs, where size is the node's subtree. Above
 * {@code exactLimit} nodes the mean is estimated from {@value #SAMPLED_PAIRS} random pairs (fixed
 * seed, so an estimate is reproducible) and flagged: its standard error is the distances' standard
 * deviation / √{@value #SAMPLED_PAIRS}, about 2% of the value for trees of this kind.
 */
public final class StructuralVirality {

  static final int SAMPLED_PAIRS = 4_000;

  /** The value and whether it was estimated from sampled pairs. */
  public record Result(double value, boolean estimated) {}

  private StructuralVirality() {}

  /**
   * @param parent the parent of each node by index; node 0 is the root ({@code parent[0]} unused)
   * @param depth the depth of each node (root 0), consistent with {@code parent}
   * @param exactLimit the largest tree computed exactly
   */
  public static Result of(int[] parent, int[] depth, int exactLimit) {
    int n = parent.length;
    if (n < 2) {
      return new Result(0.0, false);
    }
    if (n <= exactLimit) {
      return new Result(wienerIndex(parent, depth) / ((double) n * (n - 1) / 2), false);
    }
    return new Result(sampledMeanDistance(parent, depth), true);
  }

  /** Σ over edges of size × (n − size); children are folded into parents deepest first. */
  static double wienerIndex(int[] parent, int[] depth) {
    int n = parent.length;
    int maxDepth = 0;
    for (int d : depth) {
      maxDepth = Math.max(maxDepth, d);
    }
    // Counting sort by depth, so that every child is folded before its parent.
    int[] start = new int[maxDepth + 2];
    for (int d : depth) {
      start[d + 1]++;
    }
    for (int d = 1; d < start.length; d++) {
      start[d] += start[d - 1];
    }
    int[] byDepth = new int[n];
    int[] next = start.clone();
    for (int i = 0; i < n; i++) {
      byDepth[next[depth[i]]++] = i;
    }
    long[] size = new long[n];
    java.util.Arrays.fill(size, 1);
    double wiener = 0;
    for (int j = n - 1; j >= 0; j--) {
      int node = byDepth[j];
      if (node != 0) {
        wiener += (double) size[node] * (n - size[node]);
        size[parent[node]] += size[node];
      }
    }
    return wiener;
  }

  private static double sampledMeanDistance(int[] parent, int[] depth) {
    SplittableRandom random = new SplittableRandom(parent.length);
    int n = parent.length;
    double sum = 0;
    for (int s = 0; s < SAMPLED_PAIRS; s++) {
      int a = random.nextInt(n);
      int b = random.nextInt(n - 1);
      if (b >= a) {
        b++;
      }
      sum += distance(a, b, parent, depth);
    }
    return sum / SAMPLED_PAIRS;
  }

  /** Path length between two nodes: climb to their lowest common ancestor. */
  static int distance(int a, int b, int[] parent, int[] depth) {
    int steps = 0;
    while (depth[a] > depth[b]) {
      a = parent[a];
      steps++;
    }
    while (depth[b] > depth[a]) {
      b = parent[b];
      steps++;
    }
    while (a != b) {
      a = parent[a];
      b = parent[b];
      steps += 2;
    }
    return steps;
  }
}
