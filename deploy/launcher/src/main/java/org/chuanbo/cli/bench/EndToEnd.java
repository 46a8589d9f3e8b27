package org.chuanbo.cli.bench;

import com.clickhouse.client.api.Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.core.execution.JobClient;

/**
 * End-to-end throughput: the job, started on the loaded topic with fresh checkpoints and a fresh
 * consumer group, catching up until {@code SELECT count() FROM chuanbo.events} equals the oracle.
 * The clock starts when the job is submitted, so the MiniCluster's start-up is in the figure (a few
 * seconds); the time of the first visible row is reported beside it, and where the CPU went
 * meanwhile ({@link ThreadCpu}) and what the ClickHouse engine did with it ({@link
 * ClickHouseWork}): the figures that say what bounds this one.
 */
public final class EndToEnd {

  /** How often the table is counted while the job catches up. */
  static final Duration POLL = Duration.ofMillis(250);

  /**
   * @param cpu where the process's CPU went while the job caught up, null off Linux
   * @param clickHouse the engine's inserts, merges and selects meanwhile
   */
  public record Result(
      JobClient job,
      long events,
      double seconds,
      double firstRowSeconds,
      long counted,
      ThreadCpu.Breakdown cpu,
      ClickHouseWork.Result clickHouse) {
    public double eventsPerSecond() {
      return events / seconds;
    }
  }

  private EndToEnd() {}

  /**
   * @param reader counts the rows
   * @param admin reads the engine's counters, which only the admin may
   */
  public static Result run(
      Supplier<JobClient> startJob,
      Client reader,
      Client admin,
      long expected,
      long brokerPid,
      Progress progress)
      throws InterruptedException {
    // Generous: the demo runs at ~15,000 events/s; a deadline below a tenth of that is a failure.
    Duration timeout = Duration.ofSeconds(60 + expected / 1_500);
    Map<String, Long> broker = Map.of(ThreadCpu.KAFKA_BROKER, brokerPid);
    ThreadCpu.Sample cpuBefore = cpuSample(broker);
    ClickHouseWork.Sample workBefore = ClickHouseWork.sample(admin);
    long start = System.nanoTime();
    JobClient job = startJob.get();
    progress.line("e2e: job submitted; waiting for %,d events in chuanbo.events …", expected);
    double firstRow = -1;
    long lastReport = start;
    while (true) {
      long counted = count(reader);
      long now = System.nanoTime();
      double seconds = (now - start) / 1e9;
      if (counted > 0 && firstRow < 0) {
        firstRow = seconds;
      }
      if (counted >= expected) {
        if (counted > expected) {
          throw new IllegalStateException(
              "chuanbo.events holds " + counted + " rows, more than the " + expected + " expected");
        }
        ThreadCpu.Breakdown cpu = cpuBreakdown(cpuBefore, broker);
        ClickHouseWork.Result work =
            ClickHouseWork.between(workBefore, ClickHouseWork.sample(admin));
        progress.line("e2e: %,d / %,d events visible after %.1f s", counted, expected, seconds);
        return new Result(job, expected, seconds, firstRow, counted, cpu, work);
      }
      if (now - lastReport > 5_000_000_000L) {
        lastReport = now;
        progress.line(
            "e2e: %,d / %,d events visible (%,.0f events/s so far)",
            counted, expected, counted / seconds);
      }
      if (seconds > timeout.toSeconds()) {
        throw new IllegalStateException(
            "the job stored "
                + counted
                + " of "
                + expected
                + " events within "
                + timeout.toSeconds()
                + " s; see .chuanbo/bench/");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static ThreadCpu.Sample cpuSample(Map<String, Long> otherProcesses) {
    try {
      return ThreadCpu.available() ? ThreadCpu.sample(otherProcesses) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("reading /proc/self/task", e);
    }
  }

  private static ThreadCpu.Breakdown cpuBreakdown(
      ThreadCpu.Sample before, Map<String, Long> otherProcesses) {
    ThreadCpu.Sample after = cpuSample(otherProcesses);
    return before == null || after == null
        ? null
        : ThreadCpu.between(before, after, Runtime.getRuntime().availableProcessors());
  }

  static long count(Client reader) {
    return reader.queryAll("SELECT count() FROM chuanbo.events").get(0).getLong(1);
  }
}
