package org.chuanbo.cli.bench;

import java.lang.management.ManagementFactory;

/**
 * The live heap of this JVM, which runs the bench's MiniCluster and so the job's heap state: used
 * heap right after full collections, so what remains is what something still refers to.
 */
final class JobHeap {

  private JobHeap() {}

  static long liveBytes() throws InterruptedException {
    // Two collections: the first may only queue finalizable and reference-held objects.
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
