package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.chuanbo.cli.bench.StateFootprint;
import org.chuanbo.dashboards.superset.ChuanboDashboards;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.generator.GeneratorSettings;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./chuanbo bench} end to end, small: every figure of the JSON is there and positive, the
 * e2e phase ended with exactly the events the generator's own facts say are distinct and valid, and
 * the scratch stack stayed under {@code .chuanbo/bench/}.
 */
class BenchCommandITCase {

  private static final long EVENTS = 20_000;
  private static final long SEED = 20190103;

  @TempDir Path root;

  @Test
  void shouldMeasureEveryFigureOnAScratchStackAndCountExactlyTheOracle() throws Exception {
    Path json = root.resolve("b.json");
    CliProcess bench =
        CliProcess.run(
                root,
                "bench",
                "--events",
                Long.toString(EVENTS),
                "--seed",
                Long.toString(SEED),
                "--query-rows",
                "100000",
                "--rate",
                "5000",
                "--freshness-duration",
                "PT2S",
                "--query-runs",
                "2",
                "--insert-rows",
                "20000",
                "--json",
                json.toString())
            .expectSuccess();
    assertThat(bench.output())
        .contains("e2e events/s")
        .contains("state bytes per dedup id")
        .contains("ClickHouse insert rows/s HTTP / in-process");

    JsonNode report = new ObjectMapper().readTree(Files.readString(json));
    for (String key :
        List.of(
            "limit_events_per_s",
            "e2e_events_per_s",
            "e2e_ratio_to_limit",
            "state_bytes_per_dedup_id",
            "heap_bytes_per_dedup_id",
            "state_bytes_per_article",
            "heap_bytes_per_article",
            "state_bytes_per_cascade_node",
            "heap_bytes_per_cascade_node")) {
      assertThat(report.get(key).asDouble()).as(key).isPositive();
    }
    JsonNode inserts = report.get("clickhouse_insert_rows_per_s");
    for (String key : List.of("http", "in_process", "http_ratio")) {
      assertThat(inserts.get(key).asDouble()).as("inserts " + key).isPositive();
    }
    JsonNode freshness = report.get("freshness").get("5000");
    for (String key : List.of("p50_ms", "p99_ms", "max_ms")) {
      assertThat(freshness.get(key).asDouble()).as("freshness " + key).isPositive();
      assertThat(freshness.get("article_spread").get(key).asDouble())
          .as("spread freshness " + key)
          .isPositive();
    }
    assertThat(freshness.get("unseen").asLong()).isZero();
    JsonNode queries = report.get("queries");
    assertThat(queries.size()).isGreaterThanOrEqualTo(20);
    for (Map.Entry<String, JsonNode> query :
        (Iterable<Map.Entry<String, JsonNode>>) queries::fields) {
      assertThat(query.getValue().get("p50_ms").asDouble()).as(query.getKey()).isPositive();
      assertThat(query.getValue().get("p99_ms").asDouble()).as(query.getKey()).isPositive();
      assertThat(query.getValue().get("rows").asLong()).as(query.getKey()).isPositive();
    }
    assertThat(report.get("chart_queries").size()).isPositive();
    assertThat(report.get("targets").get("freshness_p99_ms").get("5000").asDouble())
        .isEqualTo(2_000);
    assertThat(report.get("environment").get("cores").asInt()).isPositive();

    // The oracle the run counted against is what the generator's own facts say.
    JsonNode e2e = report.get("details").get("e2e");
    assertThat(e2e.get("equals_oracle").asBoolean()).isTrue();
    LocalDate day = LocalDate.parse(report.get("details").get("load").get("day").asText());
    GeneratedStreamFacts facts =
        GeneratedStreamFacts.of(
            StreamGenerator.generate(new GeneratorSettings(1, SEED, EVENTS / 86_400.0, day)));
    assertThat(e2e.get("counted_events").asLong()).isEqualTo(facts.events().size());
    assertThat(e2e.get("expected_events").asLong()).isEqualTo(facts.events().size());

    // Where the CPU went while the job caught up: the job's own tasks among the parts.
    JsonNode cpu = e2e.get("cpu");
    assertThat(cpu.get("used_share").asDouble()).isPositive();
    assertThat(cpu.get("parts").fieldNames())
        .toIterable()
        .anySatisfy(part -> assertThat(part).startsWith("Flink: deduplicate by event_id"))
        .anySatisfy(part -> assertThat(part).startsWith("Flink: join article office"));

    // What the engine did meanwhile, by its own counters: every event went into chuanbo.events,
    // and the views fired on those inserts wrote more rows beside them.
    JsonNode clickHouse = e2e.get("clickhouse");
    assertThat(clickHouse.get("inserts").asLong()).isPositive();
    assertThat(clickHouse.get("inserted_rows").asLong())
        .isGreaterThan(e2e.get("counted_events").asLong());
    assertThat(clickHouse.get("parts_written").asLong())
        .isGreaterThanOrEqualTo(clickHouse.get("inserts").asLong());
    assertThat(clickHouse.get("insert_seconds").asDouble()).isPositive();

    // The savepoint was read back whole: one id in DEDUP_SAMPLE_EVERY of every subtask's ids
    // measured, and the share trees hold no more nodes than there were distinct shares.
    JsonNode state = report.get("details").get("state");
    long ids = state.get("dedup_ids_held").asLong();
    assertThat(state.get("dedup_ids_sampled_on_heap").asLong())
        .isBetween(
            ids / StateFootprint.DEDUP_SAMPLE_EVERY, ids / StateFootprint.DEDUP_SAMPLE_EVERY + 2);
    long shares =
        facts.events().stream()
            .filter(event -> event.eventType() == EventType.SHARE)
            .map(DisseminationEvent::shareId)
            .distinct()
            .count();
    assertThat(state.get("cascade_nodes").asLong()).isPositive().isLessThanOrEqualTo(shares);

    assertThat(root.resolve(".chuanbo/bench/kafka")).isDirectory();
    assertThat(root.resolve(".chuanbo/stack.properties")).doesNotExist();
  }

  @Test
  void shouldTimeEveryReportQueryAloneWithoutKafkaOrTheJob() throws Exception {
    Path json = root.resolve("q.json");
    CliProcess bench =
        CliProcess.run(
                root,
                "bench",
                "--only",
                "queries",
                "--query-rows",
                "50000",
                "--query-runs",
                "1",
                "--json",
                json.toString())
            .expectSuccess();
    assertThat(bench.output())
        .contains("query top_articles p50/p99")
        .contains("chart leaders_top_pieces p50/p99")
        .doesNotContain("e2e");

    JsonNode report = new ObjectMapper().readTree(Files.readString(json));
    assertThat(report.has("e2e_events_per_s")).isFalse();
    JsonNode queries = report.get("queries");
    assertThat(queries.size()).isGreaterThanOrEqualTo(20);
    for (Map.Entry<String, JsonNode> query :
        (Iterable<Map.Entry<String, JsonNode>>) queries::fields) {
      assertThat(query.getValue().get("p99_ms").asDouble()).as(query.getKey()).isPositive();
      assertThat(query.getValue().get("rows").asLong()).as(query.getKey()).isPositive();
    }
    // Every chart of the dashboards, its query as Superset generates it, answers over the load.
    JsonNode charts = report.get("chart_queries");
    assertThat(charts.size())
        .isEqualTo(
            ChuanboDashboards.dashboards().stream()
                .flatMap(dashboard -> dashboard.charts().stream())
                .distinct()
                .count());
    for (Map.Entry<String, JsonNode> chart :
        (Iterable<Map.Entry<String, JsonNode>>) charts::fields) {
      assertThat(chart.getValue().get("p99_ms").asDouble()).as(chart.getKey()).isPositive();
      assertThat(chart.getValue().has("rows")).as(chart.getKey()).isTrue();
    }
    assertThat(report.get("targets").get("chart_query_p99_ms").asDouble()).isEqualTo(300);
    assertThat(root.resolve(".chuanbo/bench/kafka")).doesNotExist();
  }
}
