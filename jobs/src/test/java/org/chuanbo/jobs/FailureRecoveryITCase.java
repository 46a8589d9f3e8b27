package org.chuanbo.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.clickhouse.local.http.ClickHouseHttpServer;
import org.chuanbo.clickhouse.local.http.UserDirectory;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.clickhouse.ClickHouseSink;
import org.chuanbo.jobs.tables.EventsTable;
import org.chuanbo.kafka.local.LoopbackPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failures the job must come through exact, each while the generator streams, each ending with
 * every table equal to the oracle's recomputation from the raw records: a crash between a
 * ClickHouse commit and the checkpoint that records it (the re-commit path, end to end), the
 * ClickHouse endpoint away for 30 s, and the Kafka broker restarted. (A killed TaskManager, and a
 * stop and rescaled resume, are the launcher's ClusterFailoverITCase, on a real cluster.)
 */
class FailureRecoveryITCase {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(JobRestarts.miniCluster());

  @TempDir Path temp;
  private PipelineTestBed bed;
  private ExactTables exact;

  @BeforeEach
  void startKafkaAndCleanTables() throws Exception {
    bed = PipelineTestBed.start(temp);
    exact = new ExactTables(bed.client());
  }

  @AfterEach
  void stopKafka() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
  void shouldCommitABatchOnceWhenTheJobCrashesAfterCommittingIt() throws Exception {
    List<OutgoingRecord> stream = StreamGenerator.generate(PipelineTestBed.settings(21));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    CrashAfterCommitSink.reset();
    CompletableFuture<Void> streaming = bed.stream(stream);
    JobClient job =
        bed.startJob(
            new CrashAfterCommitSink<>(
                new ClickHouseSink<>(bed.clickHouse(), EventsTable.MAPPING)));
    try {
      streaming.get();
      exact.awaitCaughtUp(expected, Duration.ofMinutes(3));
    } finally {
      job.cancel().get();
    }
    assertThat(CrashAfterCommitSink.CRASHED).as("the job crashed after a commit").isTrue();
    assertThat(CrashAfterCommitSink.COMMITTED_AGAIN)
        .as("the restored job committed the same batch a second time")
        .isNotEmpty();
    exact.assertAllMatch(expected);
  }

  @Test
  @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
  void shouldWaitOutA30SecondClickHouseOutageWithoutFailingOver(
      @InjectClusterClient ClusterClient<?> flink) throws Exception {
    List<OutgoingRecord> stream = StreamGenerator.generate(PipelineTestBed.settings(22));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    int port = LoopbackPorts.freePort();
    ClickHouseHttpServer endpoint = serve(port);
    int third = stream.size() / 3;
    JobClient job = bed.startJobWritingTo(ClickHouseEndpoint.local(port));
    JobRestarts restarts = new JobRestarts(flink.getWebInterfaceURL(), job.getJobID());
    try {
      CompletableFuture<Void> streaming = bed.stream(stream.subList(0, third));
      Awaitility.await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> exact.scalar("SELECT count() FROM chuanbo.events") > 0);
      endpoint.close();
      streaming.get();
      // The generator goes on while ClickHouse is away; the job must hold it, not drop it.
      bed.stream(stream.subList(third, stream.size())).get();
      Thread.sleep(30_000);
      long duringOutage = exact.scalar("SELECT count() FROM chuanbo.events");
      endpoint = serve(port);
      exact.awaitCaughtUp(expected, Duration.ofMinutes(3));
      assertThat(duringOutage)
          .as("rows committed by the end of the outage")
          .isLessThan(expected.events().size());
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> restarts.count().isPresent());
      assertThat(restarts.count()).as("numRestarts").hasValue(0);
      assertThat(restarts.failures()).as("the job's exception history").isEmpty();
    } finally {
      job.cancel().get();
      endpoint.close();
    }
    exact.assertAllMatch(expected);
  }

  @Test
  @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
  void shouldStayExactWhenTheKafkaBrokerRestarts() throws Exception {
    List<OutgoingRecord> stream = StreamGenerator.generate(PipelineTestBed.settings(23));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    int half = stream.size() / 2;
    JobClient job = bed.startJob();
    try {
      bed.stream(stream.subList(0, half)).get();
      Awaitility.await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> exact.scalar("SELECT count() FROM chuanbo.events") > 0);
      bed.restartKafka(Duration.ofSeconds(5));
      bed.stream(stream.subList(half, stream.size())).get();
      exact.awaitCaughtUp(expected, Duration.ofMinutes(4));
    } finally {
      job.cancel().get();
    }
    exact.assertAllMatch(expected);
  }

  /** The shared engine served on {@code port}: the endpoint a test can take away and bring back. */
  private static ClickHouseHttpServer serve(int port) {
    return ClickHouseHttpServer.start(
        LocalClickHouse.engine(), "127.0.0.1", port, UserDirectory.defaultUserWithoutPassword());
  }
}
