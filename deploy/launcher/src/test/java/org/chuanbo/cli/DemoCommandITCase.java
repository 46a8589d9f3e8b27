package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.chuanbo.cli.stack.StackCredentials;
import org.chuanbo.cli.stack.StackLayout;
import org.chuanbo.cli.stack.StackState;
import org.chuanbo.dashboards.console.NamedQueries;
import org.chuanbo.dashboards.console.TopArticlesReport;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.generator.GeneratorSettings;
import org.chuanbo.generator.RawIdSearch;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./chuanbo demo} from an empty project state: it ends with a top 10 that SQL recounts, and
 * leaves no raw user id behind.
 */
class DemoCommandITCase {

  private static final long DEMO_SEED = 20261129L;
  private static final double DEMO_RATE = 0.2;

  @TempDir Path root;

  @Test
  void shouldEndWithATopTenThatARecountFromEventsConfirms() throws Exception {
    CliProcess demo =
        CliProcess.run(
            root,
            List.of(
                "demo", "--seed", Long.toString(DEMO_SEED), "--rate", Double.toString(DEMO_RATE)),
            CliProcess.freeStackPorts());
    try {
      demo.expectSuccess();
      String output = demo.output();
      assertThat(output).contains("传播力前十的稿件").contains("排名").contains("./chuanbo article ");

      StackState stack = StackState.readFrom(StackLayout.in(root).stateFile()).orElseThrow();
      try (Client client =
          StackCredentials.readIfPresent(StackLayout.in(root).credentials())
              .orElseThrow()
              .reader(stack.ports().clickHouseUrl())
              .newClient()) {
        List<TopArticlesReport.Line> top = TopArticlesReport.query(new NamedQueries(client), 10);
        assertThat(top).hasSize(10);
        for (TopArticlesReport.Line line : top) {
          GenericRecord recount =
              client
                  .queryAll(
                      "SELECT countIf(event_type = 'VIEW'), uniqExactIf(reach_key, event_type = 'VIEW'),"
                          + " countIf(event_type = 'SHARE'), countIf(event_type = 'REPOST')"
                          + " FROM chuanbo.events WHERE article_id = {id:String}",
                      Map.of("id", line.articleId()))
                  .get(0);
          assertThat(List.of(line.views(), line.reach(), line.shares(), line.reposts()))
              .as(line.articleId())
              .containsExactly(
                  recount.getLong(1), recount.getLong(2), recount.getLong(3), recount.getLong(4));
          assertThat(output).contains(String.format("%,d", line.views()));
        }
        // Every article of the demo has its spread, and its stored DI is what SQL recomputes.
        String articlesSeen =
            "SELECT uniqExact(article_id) FROM (SELECT article_id FROM chuanbo.events"
                + " UNION ALL SELECT article_id FROM chuanbo.platform_count_reports)";
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client.queryAll("SELECT count() FROM chuanbo.article_spread").get(0).getLong(1)
                        == client.queryAll(articlesSeen).get(0).getLong(1));
        List<GenericRecord> recomputed = new NamedQueries(client).run("di_recompute", Map.of());
        assertThat(recomputed).hasSizeGreaterThan(10);
        for (GenericRecord row : recomputed) {
          assertThat(row.getDouble("di"))
              .as("DI of " + row.getString("article_id"))
              .isEqualTo(row.getDouble("stored_di"));
        }
        CliProcess article =
            CliProcess.run(root, "article", top.get(0).articleId()).expectSuccess();
        assertThat(article.output())
            .contains(top.get(0).title())
            .contains("各渠道传播情况")
            .contains("贺州先锋微信公众号")
            .contains("最近 60 分钟");

        assertNoRawIdAfterTheDemo(client, stack, output);
      }
    } finally {
      CliProcess.run(root, "stack", "down").expectSuccess();
    }
  }

  /**
   * The acceptance, after a demo as a user runs it: no raw user or person id in any table,
   * dead letter or log line. The ids looked for are those of the demo's two generated days whole
   * (the demo sent the part up to its start), so none it sent is missed.
   */
  private void assertNoRawIdAfterTheDemo(Client client, StackState stack, String demoOutput)
      throws Exception {
    GeneratorSettings demoDays =
        new GeneratorSettings(2, DEMO_SEED, DEMO_RATE, GenerateCommand.firstOfLastDays(1));
    RawIdSearch rawIds =
        RawIdSearch.of(GeneratedStreamFacts.of(StreamGenerator.generate(demoDays)).personalIds());
    try (KafkaConsumer<byte[], byte[]> sent = reader(stack, Topics.EVENTS)) {
      List<byte[]> values = new ArrayList<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                sent.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
                return values.size() >= 100;
              });
      assertThat(values.stream().filter(v -> !rawIds.in(v).isEmpty()))
          .as("the demo's raw events carry the ids looked for (so the search below can fail)")
          .isNotEmpty();
    }
    Map<String, SortedSet<String>> found = new TreeMap<>();

    for (GenericRecord table :
        client.queryAll("SELECT name FROM system.tables WHERE database = 'chuanbo'")) {
      String name = table.getString(1);
      try (QueryResponse rows =
              client
                  .query("SELECT * FROM chuanbo.`" + name + "`", tabSeparated())
                  .get(1, TimeUnit.MINUTES);
          InputStream in = rows.getInputStream()) {
        note(found, "chuanbo." + name, rawIds.in(in.readAllBytes()));
      }
    }

    int deadLetters = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = reader(stack, Topics.EVENTS_DLQ)) {
      List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
      // The demo's broken records were dead-lettered before it printed its top 10.
      for (int emptyPolls = 0; emptyPolls < 3; ) {
        var batch = consumer.poll(Duration.ofSeconds(1));
        batch.forEach(read::add);
        emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
      }
      for (ConsumerRecord<byte[], byte[]> record : read) {
        note(found, "a dead letter's key", rawIds.in(record.key()));
        note(found, "a dead letter's value", rawIds.in(record.value()));
        for (Header header : record.headers()) {
          note(found, "a dead letter's header " + header.key(), rawIds.in(header.value()));
        }
      }
      deadLetters = read.size();
    }
    assertThat(deadLetters).as("the demo's broken records in the dead-letter topic").isPositive();

    StackLayout layout = StackLayout.in(root);
    for (Path log :
        List.of(layout.log(), layout.kafkaData().resolve("logs").resolve("server.log"))) {
      assertThat(log).exists();
      note(found, log.toString(), rawIds.in(Files.readAllBytes(log)));
    }
    note(found, "the demo's output", rawIds.in(demoOutput));
    assertThat(found).as("where raw ids were found, and which").isEmpty();
  }

  private static QuerySettings tabSeparated() {
    return new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
  }

  private static KafkaConsumer<byte[], byte[]> reader(StackState stack, String topic) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.ports().kafkaAddress());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-privacy-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static void note(Map<String, SortedSet<String>> found, String where, Set<String> ids) {
    if (!ids.isEmpty()) {
      found.computeIfAbsent(where, w -> new TreeSet<>()).addAll(ids);
    }
  }
}
