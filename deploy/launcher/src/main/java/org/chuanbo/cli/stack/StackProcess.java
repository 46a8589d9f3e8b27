package org.chuanbo.cli.stack;

import java.nio.file.Files;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.chuanbo.clickhouse.local.engine.EngineExit;
import org.chuanbo.clickhouse.local.http.ClickHouseHttpServer;
import org.chuanbo.kafka.local.LocalKafka;

/**
 * The local stack in one long-running process: a Kafka broker (its own JVM, owned by this one), the
 * ClickHouse endpoint, the migrations, and the job on a Flink MiniCluster with its web UI. SIGTERM
 * stops it in reverse order; the job's last checkpoint stays, so the next start resumes.
 */
public final class StackProcess {

  private static final String FAILED_PREFIX = "the local stack failed to start: ";

  private StackProcess() {}

  /** Runs the stack until SIGTERM; a {@code parallelism} of 0 runs it without its own job. */
  public static void run(StackLayout layout, StackPorts ports, int parallelism) throws Exception {
    long pid = ProcessHandle.current().pid();
    boolean runsJob = parallelism > 0;
    new StackState(pid, ports, StackState.STARTING, runsJob).writeTo(layout.stateFile());
    LocalKafka kafka = null;
    try {
      System.out.println("starting Kafka on " + ports.kafkaAddress() + " …");
      kafka = StackServices.startKafka(layout, ports);

      System.out.println("starting ClickHouse on " + ports.clickHouseUrl() + " …");
      StackServices.ClickHouse started = StackServices.startClickHouse(layout, ports);
      ClickHouseHttpServer clickHouse = started.server();
      System.out.println("migrations applied: " + started.migrationsApplied());

      JobClient job = null;
      if (runsJob) {
        System.out.println("starting the Flink job (web UI " + ports.flinkUrl() + ") …");
        job =
            StackServices.startJob(
                layout, ports, kafka.bootstrapServers(), started.credentials(), parallelism);
      } else {
        System.out.println("no job of the stack's own (--no-job): a Flink cluster's job writes");
      }
      JobClient ownJob = job;
      LocalKafka ownedKafka = kafka;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    System.out.println("stopping the local stack …");
                    if (ownJob != null) {
                      try {
                        ownJob.cancel().get(30, java.util.concurrent.TimeUnit.SECONDS);
                      } catch (Exception e) {
                        System.out.println("the job did not cancel cleanly: " + e.getMessage());
                      }
                    }
                    ownedKafka.stop();
                    clickHouse.close();
                    layout.stateFile().toFile().delete();
                    System.out.println("local stack stopped");
                    EngineExit.exit(0);
                  },
                  "stack-shutdown"));
      new StackState(pid, ports, StackState.READY, runsJob).writeTo(layout.stateFile());
      System.out.println("local stack ready");
      Thread.currentThread().join();
    } catch (Exception | Error e) {
      new StackState(pid, ports, StackState.FAILED, runsJob).writeTo(layout.stateFile());
      System.out.println(FAILED_PREFIX + e.getMessage());
      if (kafka != null) {
        kafka.stop();
      }
      throw e;
    }
  }

  /** Waits for a started stack process to report ready (or fail) and returns its state. */
  public static StackState awaitReady(StackLayout layout, Process process, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      StackState state = StackState.readFrom(layout.stateFile()).orElse(null);
      if (state != null
          && state.pid() == process.pid()
          && !state.phase().equals(StackState.STARTING)) {
        return state;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the local stack did not become ready; see " + layout.log());
  }

  /** The stack log's last "failed to start" line: the one thing a user needs to read. */
  public static String failureCause(StackLayout layout) {
    try (java.util.stream.Stream<String> lines = Files.lines(layout.log())) {
      return lines
          .filter(line -> line.startsWith(FAILED_PREFIX))
          .reduce((first, second) -> second)
          .orElse("the local stack failed to start");
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return "the local stack failed to start";
    }
  }
}
