package org.chuanbo.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.clickhouse.local.http.ClickHouseHttpServer;
import org.chuanbo.clickhouse.local.http.UserDirectory;
import org.chuanbo.kafka.local.LoopbackPorts;
import org.junit.jupiter.api.Test;

class ClickHouseSinkITCase {

  private final ClickHouseEndpoint endpoint =
      ClickHouseEndpoint.local(LocalClickHouse.server().port());

  /** A one-column mapping for the test tables. */
  private static RowMapping<Long> numbers(String table) {
    return RowMapping.<Long>into(table).uint64("n", Long::longValue).build();
  }

  @Test
  void shouldWriteEveryRowOnceFromAParallelJob() throws Exception {
    String table = createTable();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(200);
    env.fromData(LongStream.range(0, 10_000).boxed().toList())
        .rebalance()
        .sinkTo(new ClickHouseSink<>(endpoint, numbers(table)))
        .name("numbers");
    env.execute("sink test");
    assertThat(query("SELECT count(), sum(n), uniqExact(n) FROM " + table))
        .isEqualTo("10000\t49995000\t10000");
  }

  @Test
  void shouldIgnoreARepeatedCommitOfTheSameBatch() throws Exception {
    String table = createTable();
    InsertBatch batch = new InsertBatch(table, "token-1", 2, "{\"n\":1}\n{\"n\":2}\n".getBytes());
    InsertBatch copy =
        new InsertBatchSerializer()
            .deserialize(
                new InsertBatchSerializer().getVersion(),
                new InsertBatchSerializer().serialize(batch));
    try (ClickHouseCommitter committer = new ClickHouseCommitter(endpoint)) {
      committer.commit(List.of(TestCommits.request(batch)));
      committer.commit(List.of(TestCommits.request(copy)));
    }
    assertThat(query("SELECT count(), sum(n) FROM " + table)).isEqualTo("2\t3");
  }

  /**
   * ClickHouse away when the checkpoint completes: the committer waits it out on its own thread
   * (Flink's retries would come back at once and fail the job), and the batch lands once.
   */
  @Test
  void shouldWaitForAnEndpointThatIsDownAndCommitOnceItIsBack() throws Exception {
    String table = createTable();
    int port = LoopbackPorts.freePort();
    ClickHouseEndpoint away = ClickHouseEndpoint.local(port);
    InsertBatch batch =
        new InsertBatch(table, "token-away", 2, "{\"n\":5}\n{\"n\":6}\n".getBytes());
    CompletableFuture<ClickHouseHttpServer> comesBack =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                Thread.sleep(2_000);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return ClickHouseHttpServer.start(
                  LocalClickHouse.engine(),
                  "127.0.0.1",
                  port,
                  UserDirectory.defaultUserWithoutPassword());
            });
    try (ClickHouseCommitter committer = new ClickHouseCommitter(away)) {
      committer.commit(List.of(TestCommits.request(batch)));
      assertThat(comesBack).as("the insert waited for the endpoint").isDone();
    } finally {
      comesBack.get().close();
    }
    assertThat(query("SELECT count(), sum(n) FROM " + table)).isEqualTo("2\t11");
  }

  /** An outage longer than the budget fails the commit (and so the job), rather than hanging. */
  @Test
  void shouldFailTheCommitOnceTheOutageOutlastsItsBudget() throws Exception {
    ClickHouseEndpoint nobody = ClickHouseEndpoint.local(LoopbackPorts.freePort());
    InsertBatch batch =
        new InsertBatch("default.nowhere", "token-gone", 1, "{\"n\":1}\n".getBytes());
    List<Throwable> failures = new ArrayList<>();
    try (ClickHouseCommitter committer =
        new ClickHouseCommitter(
            nobody, RefusedRows.NONE, Duration.ofSeconds(1), new SimpleCounter())) {
      committer.commit(List.of(TestCommits.failingRequest(batch, failures::add)));
    }
    assertThat(failures)
        .singleElement()
        .satisfies(
            failure ->
                assertThat(failure).hasMessageContaining("has not taken the insert of 1 rows"));
  }

  private String createTable() throws Exception {
    String table = "default." + LocalClickHouse.uniqueName("sink");
    try (Client client = endpoint.newClient()) {
      client
          .execute(
              "CREATE TABLE "
                  + table
                  + " (n UInt64) ENGINE = MergeTree ORDER BY n"
                  + " SETTINGS non_replicated_deduplication_window = 100")
          .get()
          .close();
    }
    return table;
  }

  private String query(String sql) throws Exception {
    try (Client client = endpoint.newClient()) {
      var row = client.queryAll(sql).get(0);
      StringBuilder text = new StringBuilder();
      for (int i = 1; i <= row.getSchema().getColumns().size(); i++) {
        text.append(i == 1 ? "" : "\t").append(row.getString(i));
      }
      return text.toString();
    }
  }

  @Test
  void shouldInsertABatchThatSpansMoreThanAHundredMonthlyPartitions() throws Exception {
    String table = "default." + LocalClickHouse.uniqueName("months");
    try (Client client = endpoint.newClient()) {
      client
          .execute(
              "CREATE TABLE "
                  + table
                  + " (n UInt64, at DateTime('Asia/Shanghai')) ENGINE = MergeTree"
                  + " PARTITION BY toYYYYMM(at) ORDER BY n")
          .get()
          .close();
    }
    // 150 months of late events in one checkpoint's batch.
    RowMapping<Long> months =
        RowMapping.<Long>into(table)
            .uint64("n", Long::longValue)
            .dateTime(
                "at",
                n ->
                    java.time.Instant.parse("2010-01-15T00:00:00Z")
                        .atZone(java.time.ZoneOffset.UTC)
                        .plusMonths(n)
                        .toInstant()
                        .toEpochMilli())
            .build();
    TestCommits.commit(
        endpoint,
        TestCommits.batch(months, "months-" + table, LongStream.range(0, 150).boxed().toList()));
    assertThat(query("SELECT count(), uniqExact(toYYYYMM(at)) FROM " + table))
        .isEqualTo("150\t150");
  }

  /**
   * A row ClickHouse refuses (a value its column cannot hold) would fail its batch on every retry
   * and restart: it goes aside with ClickHouse's reason, the rest commits, and committing the same
   * batch again (a restart before the checkpoint completed) still stores each good row once.
   */
  @Test
  void shouldSetAsideARowClickHouseRefusesAndCommitTheRestExactlyOnce() throws Exception {
    String table = createTable();
    StringBuilder rows = new StringBuilder();
    for (int n = 1; n <= 10; n++) {
      rows.append(n == 7 ? "{\"n\":\"seven\"}" : "{\"n\":" + n + "}").append('\n');
    }
    InsertBatch batch =
        new InsertBatch(
            table, "refused-" + table, 10, rows.toString().getBytes(StandardCharsets.UTF_8));
    List<String> refused = new ArrayList<>();
    RefusedRows keep =
        (into, row, reason) ->
            refused.add(into + " " + new String(row, StandardCharsets.UTF_8) + " " + reason);
    SimpleCounter written = new SimpleCounter();
    for (int attempt = 0; attempt < 2; attempt++) {
      try (ClickHouseCommitter committer =
          new ClickHouseCommitter(endpoint, keep, Duration.ofMinutes(1), written)) {
        committer.commit(List.of(TestCommits.request(batch)));
      }
    }
    assertThat(query("SELECT count(), sum(n) FROM " + table)).isEqualTo("9\t48");
    // The metric counts rows ClickHouse took on each commit: 9 twice, never the refused one.
    assertThat(written.getCount()).isEqualTo(18);
    // At least once: each attempt sets the row aside again.
    assertThat(refused)
        .hasSize(2)
        .allSatisfy(
            line -> assertThat(line).startsWith(table + " {\"n\":\"seven\"} ").contains("Code: "));
  }
}
