package org.chuanbo.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON a bench run writes: every key the issue names, each figure beside its target. */
class BenchReportTest {

  @TempDir Path folder;

  static BenchReport sample() {
    return sample(BenchPhases.ALL);
  }

  static BenchReport sample(BenchPhases phases) {
    BenchSettings settings =
        new BenchSettings(
            1_000,
            List.of(5_000, 20_000, 7_000),
            Duration.ofSeconds(20),
            10_000_000,
            20,
            Duration.ofSeconds(15),
            1_000_000,
            2,
            1,
            Optional.empty(),
            phases);
    Map<Integer, Freshness.Result> freshness = new LinkedHashMap<>();
    freshness.put(
        5_000,
        new Freshness.Result(
            5_000,
            4_990,
            200,
            new Freshness.Delays(200, 0, new Percentiles(200, 900, 1_800, 1_900)),
            new Freshness.Delays(200, 0, new Percentiles(200, 1_000, 1_900, 2_000))));
    freshness.put(
        20_000,
        new Freshness.Result(
            20_000,
            19_000,
            200,
            new Freshness.Delays(199, 1, new Percentiles(199, 3_000, 6_000, 6_500)),
            new Freshness.Delays(0, 200, null)));
    freshness.put(
        7_000,
        new Freshness.Result(
            7_000,
            7_000,
            200,
            new Freshness.Delays(200, 0, new Percentiles(200, 1_000, 1_500, 1_600)),
            new Freshness.Delays(200, 0, new Percentiles(200, 1_000, 1_500, 1_600))));
    Map<String, QueryLatency.Result> queries = new LinkedHashMap<>();
    queries.put(
        "trending", new QueryLatency.Result("trending", 32, new Percentiles(20, 80, 250, 250)));
    queries.put(
        "monthly_figures",
        new QueryLatency.Result("monthly_figures", 6, new Percentiles(20, 300, 450, 450)));
    Map<String, QueryLatency.Result> charts = new LinkedHashMap<>();
    charts.put(
        "leaders_today_views",
        new QueryLatency.Result("leaders_today_views", 1, new Percentiles(20, 40, 120, 130)));
    charts.put(
        "realtime_by_minute",
        new QueryLatency.Result("realtime_by_minute", 60, new Percentiles(20, 90, 280, 290)));
    if (!phases.pipeline()) {
      return BenchReport.queriesOnly(
          Instant.parse("2026-11-29T06:00:00Z"),
          settings,
          new BenchEnvironment(2, "OpenJDK 17", "2.2.1", "26.5.1.1", "abc", "Linux"),
          queries,
          charts,
          60);
    }
    return new BenchReport(
        Instant.parse("2026-11-29T06:00:00Z"),
        settings,
        new BenchEnvironment(2, "OpenJDK 17", "2.2.1", "26.5.1.1", "abc", "Linux"),
        new KafkaLoad.Loaded(1_050, 1_020, 1_000, 1.5, LocalDate.of(2026, 11, 28)),
        new DecodeLimit.Result(200_000, 100, 1.0),
        new EndToEnd.Result(
            null,
            1_000,
            0.05,
            0.01,
            1_000,
            new ThreadCpu.Breakdown(
                10,
                2,
                orderedParts(
                    "Flink: join article office",
                    6.0,
                    "Flink: deduplicate by event_id",
                    4.0,
                    ThreadCpu.CLICKHOUSE,
                    5.0,
                    ThreadCpu.KAFKA_BROKER,
                    2.0,
                    ThreadCpu.GC,
                    0.5,
                    ThreadCpu.JIT,
                    0.5)),
            new ClickHouseWork.Result(40, 5_000, 2.5, 200, 4_000, 30, 12_000, 3.0, 100, 0.5, 4.0)),
        freshness,
        queries,
        charts,
        new BenchReport.StateSize(
            48_000,
            1_000,
            600_000,
            100,
            700_000,
            300,
            200,
            250_000,
            new StateFootprint.Result(50, 7_500, 100, 300_000, 2_000, 160_000, 100_000, 4.0)),
        new InsertPaths.Result(1_000_000, 5, 4_000_000, 3_000_000, 3_900_000, 2_800_000, 20),
        120);
  }

  private static Map<String, Double> orderedParts(Object... partsAndSeconds) {
    Map<String, Double> parts = new LinkedHashMap<>();
    for (int i = 0; i < partsAndSeconds.length; i += 2) {
      parts.put((String) partsAndSeconds[i], (Double) partsAndSeconds[i + 1]);
    }
    return parts;
  }

  @Test
  void shouldHoldEveryFigureTheIssueNamesWithItsTarget() {
    JsonNode json = sample().toJson();

    assertThat(json.get("limit_events_per_s").asLong()).isEqualTo(200_000);
    assertThat(json.get("e2e_events_per_s").asLong()).isEqualTo(20_000);
    assertThat(json.get("e2e_ratio_to_limit").asDouble()).isEqualTo(0.1);
    assertThat(json.get("state_bytes_per_dedup_id").asDouble()).isEqualTo(48.0);
    assertThat(json.get("heap_bytes_per_dedup_id").asDouble())
        .as("7,500 over 50 sampled")
        .isEqualTo(150.0);
    assertThat(json.get("state_bytes_per_article").asDouble())
        .as("the spread's 600,000 less its trees' 100,000, over 100 articles")
        .isEqualTo(5_000.0);
    assertThat(json.get("heap_bytes_per_article").asDouble()).isEqualTo(3_000.0);
    assertThat(json.get("state_bytes_per_cascade_node").asDouble()).isEqualTo(50.0);
    assertThat(json.get("heap_bytes_per_cascade_node").asDouble()).isEqualTo(80.0);
    assertThat(json.get("details").get("state").get("job_heap_bytes_per_dedup_id").asDouble())
        .isEqualTo(250.0);
    JsonNode inserts = json.get("clickhouse_insert_rows_per_s");
    assertThat(inserts.get("http").asLong()).isEqualTo(3_000_000);
    assertThat(inserts.get("in_process").asLong()).isEqualTo(4_000_000);
    assertThat(inserts.get("http_ratio").asDouble()).isEqualTo(0.75);

    JsonNode fresh = json.get("freshness").get("5000");
    assertThat(fresh.get("p50_ms").asLong()).isEqualTo(900);
    assertThat(fresh.get("p99_ms").asLong()).isEqualTo(1_800);
    assertThat(fresh.get("max_ms").asLong()).isEqualTo(1_900);
    assertThat(fresh.get("article_spread").get("p99_ms").asLong()).isEqualTo(1_900);
    assertThat(json.get("freshness").get("20000").get("article_spread").get("p99_ms").isNull())
        .isTrue();
    assertThat(json.get("freshness").get("20000").get("unseen").asLong()).isEqualTo(1);

    JsonNode trending = json.get("queries").get("trending");
    assertThat(trending.get("p50_ms").asDouble()).isEqualTo(80.0);
    assertThat(trending.get("p99_ms").asDouble()).isEqualTo(250.0);
    assertThat(trending.get("rows").asLong()).isEqualTo(32);

    JsonNode chart = json.get("chart_queries").get("realtime_by_minute");
    assertThat(chart.get("p50_ms").asDouble()).isEqualTo(90.0);
    assertThat(chart.get("p99_ms").asDouble()).isEqualTo(280.0);
    assertThat(chart.get("rows").asLong()).isEqualTo(60);
    assertThat(json.get("chart_queries").fieldNames())
        .toIterable()
        .containsExactly("leaders_today_views", "realtime_by_minute");

    JsonNode targets = json.get("targets");
    assertThat(targets.get("e2e_events_per_s").asDouble()).isEqualTo(100_000);
    assertThat(targets.get("e2e_ratio_to_limit").asDouble()).isEqualTo(0.4);
    assertThat(targets.get("freshness_p99_ms").get("5000").asDouble()).isEqualTo(2_000);
    assertThat(targets.get("freshness_p99_ms").get("20000").asDouble()).isEqualTo(5_000);
    assertThat(targets.get("freshness_p99_ms").has("7000")).as("no target for 7000/s").isFalse();
    assertThat(targets.get("query_p99_ms").asDouble()).isEqualTo(300);
    assertThat(targets.get("chart_query_p99_ms").asDouble()).isEqualTo(300);
    assertThat(targets.get("state_bytes_per_dedup_id").asDouble()).isEqualTo(64);

    JsonNode met = json.get("targets_met");
    assertThat(met.get("e2e_events_per_s").asBoolean()).isFalse();
    assertThat(met.get("freshness_p99_ms").get("5000").asBoolean()).isTrue();
    assertThat(met.get("freshness_p99_ms").get("20000").asBoolean()).isFalse();
    assertThat(met.get("query_p99_ms").asBoolean()).isFalse();
    assertThat(met.get("chart_query_p99_ms").asBoolean()).as("280 ms ≤ 300 ms").isTrue();
    assertThat(met.get("state_bytes_per_dedup_id").asBoolean()).isTrue();

    JsonNode environment = json.get("environment");
    assertThat(environment.fieldNames())
        .toIterable()
        .contains("cores", "java", "flink", "clickhouse", "git_commit");
    assertThat(json.get("details").get("e2e").get("equals_oracle").asBoolean()).isTrue();
    JsonNode cpu = json.get("details").get("e2e").get("cpu");
    assertThat(cpu.get("used_share").asDouble()).as("18 of 2 × 10 CPU seconds").isEqualTo(0.9);
    assertThat(cpu.get("parts").fieldNames())
        .toIterable()
        .startsWith("Flink: join article office", "Flink: deduplicate by event_id");
    assertThat(cpu.get("parts").get(ThreadCpu.CLICKHOUSE).get("share").asDouble()).isEqualTo(0.25);
    JsonNode clickHouse = json.get("details").get("e2e").get("clickhouse");
    assertThat(clickHouse.get("inserted_rows_per_event").asDouble())
        .as("5,000 rows for 1,000 events")
        .isEqualTo(5.0);
    assertThat(clickHouse.get("merged_rows_per_part_row").asDouble())
        .as("12,000 merged over 4,000 written")
        .isEqualTo(3.0);
    assertThat(clickHouse.get("merge_seconds").asDouble()).isEqualTo(3.0);
    assertThat(json.get("details").get("state").get("mean_checkpoint_ms_during_run").asLong())
        .isEqualTo(200);
  }

  @Test
  void shouldWriteTheSameJsonToAFile() throws Exception {
    Path file = folder.resolve("out/b.json");

    sample().writeJson(file);

    // Compared as text: a parsed 200000 is an int node, the report's a long node.
    assertThat(new ObjectMapper().readTree(Files.readString(file)).toString())
        .isEqualTo(sample().toJson().toString());
  }

  @Test
  void shouldPrintEachFigureBesideItsTarget() {
    String table = BenchTable.render(sample());

    assertThat(table)
        .contains("e2e events/s (parallelism 2)")
        .contains("≥ 100,000")
        .contains("freshness @5,000/s article_minute p50/p99/max")
        .contains("900 / 1,800 / 1,900 ms")
        .contains("(1 unseen)")
        .contains("query trending p50/p99 (rows)")
        .contains("chart realtime_by_minute p50/p99 (rows)")
        .contains("90 / 280 ms (60)")
        .contains("state bytes per dedup id")
        .contains("heap bytes per dedup id")
        .contains("5,000 / 3,000")
        .contains("50.0 / 80.0")
        .contains("3,000,000 / 4,000,000 (75%)")
        .contains("e2e CPU: Flink tasks / ClickHouse / Kafka broker / JVM")
        .contains("50% / 25% / 10% / 5% of 2 cores");
  }

  @Test
  void shouldHoldOnlyTheQueriesAndTheirTargetWhenTheQueriesRanAlone() {
    JsonNode json = sample(BenchPhases.QUERIES).toJson();

    assertThat(json.fieldNames())
        .toIterable()
        .doesNotContain(
            "limit_events_per_s",
            "e2e_events_per_s",
            "e2e_ratio_to_limit",
            "freshness",
            "state_bytes_per_dedup_id",
            "state_bytes_per_article",
            "heap_bytes_per_dedup_id",
            "clickhouse_insert_rows_per_s");
    assertThat(json.get("queries").get("trending").get("p99_ms").asDouble()).isEqualTo(250.0);
    assertThat(json.get("chart_queries").get("leaders_today_views").get("p99_ms").asDouble())
        .isEqualTo(120.0);
    assertThat(json.get("targets").fieldNames())
        .toIterable()
        .containsExactly("query_p99_ms", "chart_query_p99_ms");
    assertThat(json.get("targets_met").fieldNames())
        .toIterable()
        .containsExactly("query_p99_ms", "chart_query_p99_ms");
    assertThat(json.get("targets_met").get("query_p99_ms").asBoolean()).isFalse();
    assertThat(json.get("details").fieldNames()).toIterable().containsExactly("settings");
    assertThat(json.get("details").get("settings").get("phases").asText()).isEqualTo("queries");
  }

  @Test
  void shouldPrintOnlyTheQueriesWhenTheyRanAlone() {
    String table = BenchTable.render(sample(BenchPhases.QUERIES));

    assertThat(table)
        .contains("query trending p50/p99 (rows)")
        .contains("query monthly_figures p50/p99 (rows)")
        .contains("chart leaders_today_views p50/p99 (rows)")
        .doesNotContain("e2e")
        .doesNotContain("freshness")
        .doesNotContain("state bytes");
  }
}
