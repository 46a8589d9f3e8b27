package org.chuanbo.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  @Test
  void shouldNameAFlinkTaskByTheFirstOperatorOfItsChain() {
    assertThat(
            ThreadCpu.javaPart(
                "join article office -> event time and watermarks -> chuanbo.events: Writer (2/2)#0"))
        .isEqualTo("Flink: join article office");
    assertThat(ThreadCpu.javaPart("deduplicate by event_id (1/2)#3"))
        .isEqualTo("Flink: deduplicate by event_id");
    assertThat(ThreadCpu.javaPart("kafka-producer-network-thread | dead-letters"))
        .isEqualTo(ThreadCpu.KAFKA_CLIENTS);
    assertThat(ThreadCpu.javaPart("Source Data Fetcher for Source: chuanbo.events (1/2)#0"))
        .isEqualTo("Flink: Kafka consumers of the sources");
    assertThat(ThreadCpu.javaPart("flink-pekko.actor.default-dispatcher-5"))
        .as("a pool's threads are one part")
        .isEqualTo("Java: flink-pekko.actor.default-dispatcher-#");
  }

  @Test
  void shouldKnowAThreadByTheFifteenBytesTheKernelKeepsOfItsName() {
    assertThat(ThreadCpu.kernelName("short")).isEqualTo("short");
    assertThat(ThreadCpu.kernelName("join article office -> event time"))
        .isEqualTo("join article of");
    // "×" is two bytes in UTF-8: the fifteenth byte cuts the second one in two.
    assertThat(ThreadCpu.kernelName("article × channel × minute"))
        .startsWith("article × chan")
        .hasSize(14);
  }

  @Test
  void shouldTellTheJvmsAndClickHousesOwnThreadsApart() {
    Map<String, String> javaParts = Map.of("join article of", "Flink: join article office");
    assertThat(ThreadCpu.part("join article of", javaParts))
        .isEqualTo("Flink: join article office");
    assertThat(ThreadCpu.part("GC Thread#1", javaParts)).isEqualTo(ThreadCpu.GC);
    assertThat(ThreadCpu.part("G1 Conc#0", javaParts)).isEqualTo(ThreadCpu.GC);
    assertThat(ThreadCpu.part("C2 CompilerThre", javaParts)).isEqualTo(ThreadCpu.JIT);
    assertThat(ThreadCpu.part("MergeMutate", javaParts)).isEqualTo(ThreadCpu.CLICKHOUSE);
  }

  @Test
  void shouldCountTheCpuOfABusyThreadInItsPart() throws Exception {
    assumeThat(ThreadCpu.available()).as("/proc/self/task (Linux)").isTrue();
    // This JVM stands in for the broker's: its whole process is counted as that part.
    Map<String, Long> broker = Map.of(ThreadCpu.KAFKA_BROKER, ProcessHandle.current().pid());
    ThreadCpu.Sample before = ThreadCpu.sample(broker);
    CountDownLatch burnt = new CountDownLatch(1);
    CountDownLatch sampled = new CountDownLatch(1);
    Thread busy =
        new Thread(
            () -> {
              var bean = ManagementFactory.getThreadMXBean();
              long sum = 0;
              while (bean.getCurrentThreadCpuTime() < 300_000_000L) {
                sum += System.nanoTime() % 7;
              }
              burnt.countDown();
              // Alive until sampled, as the job's threads are when the bench samples.
              awaitQuietly(sampled);
              if (sum == 42) {
                System.out.println("unlikely");
              }
            },
            "busy operator -> its sink (1/1)#0");
    busy.start();
    ThreadCpu.Breakdown breakdown;
    try {
      burnt.await();
      breakdown = ThreadCpu.between(before, ThreadCpu.sample(broker), 2);
    } finally {
      sampled.countDown();
      busy.join();
    }

    assertThat(breakdown.parts().get("Flink: busy operator"))
        .as("about 0.3 s, in the kernel's 10 ms ticks")
        .isBetween(0.2, 0.5);
    assertThat(breakdown.flinkTasks()).isGreaterThanOrEqualTo(0.2);
    assertThat(breakdown.parts().get(ThreadCpu.KAFKA_BROKER))
        .as("the whole process, the busy thread included")
        .isGreaterThanOrEqualTo(breakdown.parts().get("Flink: busy operator"));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
