package org.chuanbo.generator;

/**
 * What a share brings: a forward to one friend (会话) brings a reader or two, one to a group (群聊)
 * several, a post on WeChat Moments (朋友圈) a dozen. Readers arrive minutes to hours after the share,
 * through the link, and may share again; with ~6% of them sharing, each share brings about 0.27
 * further shares, so most cascades stop at the first level, some run three or more levels deep,
 * none explode.
 */
final class ShareCascade {

  static final String[] TARGETS = {"会话", "群聊", "朋友圈"};
  private static final double[] TARGET_WEIGHTS = {0.65, 0.28, 0.07};
  private static final double[] MEAN_READERS = {1.5, 8.0, 15.0};

  private ShareCascade() {}

  /** Where the share went: an index into {@link #TARGETS}. */
  static int target(SeededRandom random) {
    return random.weighted(TARGET_WEIGHTS);
  }

  /** How many people open the link. */
  static int readers(int target, SeededRandom random) {
    return random.poisson(MEAN_READERS[target]);
  }

  /** How long after the share a reader opens it: median 20 minutes, from seconds to a day. */
  static long delayMillis(SeededRandom random) {
    return random.logNormal(1_200_000, 1.2, 15_000, 86_400_000);
  }
}
