package org.chuanbo.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Every figure of one bench run, and the JSON it is written as. The top-level keys the issue names
 * ({@code limit_events_per_s}, {@code e2e_events_per_s}, {@code freshness}, {@code queries}, {@code
 * chart_queries}, {@code state_bytes_per_dedup_id}) are plain numbers or objects of numbers, so a
 * script can compare runs; {@code targets} holds the target beside each, {@code details}
 * how each was obtained. {@code queries} are the report queries ({@code dashboards/queries/}),
 * {@code chart_queries} the SQL Superset generates for each dashboard chart ({@code
 * dashboards/superset/chart-queries/}), both with the same 300 ms target.
 *
 * <p>A run of the queries alone ({@code --only queries}, {@link #queriesOnly}) has no pipeline
 * figures: {@code load}, {@code limit}, {@code e2e}, {@code state} and {@code inserts} are null and
 * {@code freshness} is empty, and the JSON and the table hold the queries and their target only.
 */
public record BenchReport(
    Instant finishedAt,
    BenchSettings settings,
    BenchEnvironment environment,
    KafkaLoad.Loaded load,
    DecodeLimit.Result limit,
    EndToEnd.Result e2e,
    Map<Integer, Freshness.Result> freshness,
    Map<String, QueryLatency.Result> queries,
    Map<String, QueryLatency.Result> chartQueries,
    StateSize state,
    InsertPaths.Result inserts,
    double totalSeconds) {

  /**
   * A run of the report queries and the chart queries alone: no broker, no job, so no pipeline
   * figure.
   */
  public static BenchReport queriesOnly(
      Instant finishedAt,
      BenchSettings settings,
      BenchEnvironment environment,
      Map<String, QueryLatency.Result> queries,
      Map<String, QueryLatency.Result> chartQueries,
      double totalSeconds) {
    return new BenchReport(
        finishedAt,
        settings,
        environment,
        null,
        null,
        null,
        Map.of(),
        queries,
        chartQueries,
        null,
        null,
        totalSeconds);
  }

  /**
   * The dedupe operator's and the spread operator's state (in a canonical savepoint), and what they
   * hold; the heap the running job holds, live objects after a full collection, less the same
   * before it started; and the savepoint read back onto the heap, per kind of key.
   */
  public record StateSize(
      long dedupBytes,
      long dedupIds,
      long spreadBytes,
      long articles,
      long savepointBytes,
      long savepointMillis,
      long meanCheckpointMillis,
      long jobHeapBytes,
      StateFootprint.Result footprint) {
    public double bytesPerDedupId() {
      return (double) dedupBytes / dedupIds;
    }

    /**
     * The job's whole heap over the ids held: an upper bound per id, since the spread state, the
     * windows and Flink's own runtime are counted against the ids too.
     */
    public double jobHeapBytesPerDedupId() {
      return (double) jobHeapBytes / dedupIds;
    }

    /** An article's spread state without its share tree, whose nodes are counted apart. */
    public double bytesPerArticle() {
      return (double) (spreadBytes - footprint.cascadeStateBytes()) / articles;
    }
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public double e2eRatioToLimit() {
    return e2e.eventsPerSecond() / limit.recordsPerSecond();
  }

  /** Whether the run measured the pipeline (Kafka, the job), not only the queries. */
  public boolean pipelineMeasured() {
    return e2e != null;
  }

  public ObjectNode toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    if (pipelineMeasured()) {
      root.put("limit_events_per_s", round(limit.recordsPerSecond()));
      root.put("e2e_events_per_s", round(e2e.eventsPerSecond()));
      root.put("e2e_ratio_to_limit", round3(e2eRatioToLimit()));
      ObjectNode freshnessNode = root.putObject("freshness");
      freshness.forEach(
          (rate, result) -> {
            ObjectNode node = freshnessNode.putObject(Integer.toString(rate));
            putDelays(node, result.minute());
            node.put("probes", result.probes());
            node.put("achieved_events_per_s", round(result.achievedRate()));
            node.put("poll_interval_ms", Freshness.POLL.toMillis());
            putDelays(node.putObject("article_spread"), result.spread());
          });
    }
    putLatencies(root.putObject("queries"), queries);
    putLatencies(root.putObject("chart_queries"), chartQueries);
    if (pipelineMeasured()) {
      StateFootprint.Result footprint = state.footprint();
      root.put("state_bytes_per_dedup_id", round1(state.bytesPerDedupId()));
      root.put("heap_bytes_per_dedup_id", round1(footprint.heapBytesPerDedupId()));
      root.put("state_bytes_per_article", round1(state.bytesPerArticle()));
      root.put("heap_bytes_per_article", round1(footprint.heapBytesPerArticle()));
      root.put("state_bytes_per_cascade_node", round1(footprint.stateBytesPerCascadeNode()));
      root.put("heap_bytes_per_cascade_node", round1(footprint.heapBytesPerCascadeNode()));
      ObjectNode insertsNode = root.putObject("clickhouse_insert_rows_per_s");
      insertsNode.put("http", round(inserts.httpRowsPerSecond()));
      insertsNode.put("in_process", round(inserts.inProcessRowsPerSecond()));
      insertsNode.put("http_ratio", round3(inserts.httpRatio()));
    }

    ObjectNode targets = root.putObject("targets");
    ObjectNode met = root.putObject("targets_met");
    if (pipelineMeasured()) {
      putPipelineTargets(targets, met);
    }
    targets.put("query_p99_ms", Targets.QUERY_P99_MS);
    met.put("query_p99_ms", allWithinTarget(queries));
    targets.put("chart_query_p99_ms", Targets.QUERY_P99_MS);
    met.put("chart_query_p99_ms", allWithinTarget(chartQueries));

    ObjectNode details = root.putObject("details");
    if (pipelineMeasured()) {
      putPipelineDetails(details);
    }
    ObjectNode settingsNode = details.putObject("settings");
    settingsNode.put("phases", settings.phases().name().toLowerCase(java.util.Locale.ROOT));
    settingsNode.put("events", settings.events());
    settingsNode.put("query_rows", settings.queryRows());
    settingsNode.put("query_runs", settings.queryRuns());
    settingsNode.put("query_budget_seconds", settings.queryBudget().toSeconds());
    settingsNode.put("freshness_seconds", settings.freshnessPhase().toSeconds());
    settingsNode.put("seed", settings.seed());

    ObjectNode environmentNode = root.putObject("environment");
    environmentNode.put("cores", environment.cores());
    environmentNode.put("java", environment.java());
    environmentNode.put("flink", environment.flink());
    environmentNode.put("clickhouse", environment.clickHouse());
    environmentNode.put("git_commit", environment.gitCommit());
    environmentNode.put("os", environment.os());
    root.put("finished_at", finishedAt.toString());
    root.put("total_seconds", round1(totalSeconds));
    return root;
  }

  private static void putLatencies(ObjectNode parent, Map<String, QueryLatency.Result> results) {
    results.forEach(
        (name, result) -> {
          ObjectNode node = parent.putObject(name);
          node.put("p50_ms", round1(result.millis().p50()));
          node.put("p99_ms", round1(result.millis().p99()));
          node.put("max_ms", round1(result.millis().max()));
          node.put("rows", result.rows());
          node.put("runs", result.millis().count());
        });
  }

  /** Whether every query's p99 is within the 300 ms. */
  static boolean allWithinTarget(Map<String, QueryLatency.Result> results) {
    return results.values().stream().allMatch(q -> q.millis().p99() <= Targets.QUERY_P99_MS);
  }

  private void putPipelineTargets(ObjectNode targets, ObjectNode met) {
    targets.put("e2e_events_per_s", Targets.E2E_EVENTS_PER_S);
    targets.put("e2e_ratio_to_limit", Targets.E2E_RATIO_TO_LIMIT);
    ObjectNode freshnessTargets = targets.putObject("freshness_p99_ms");
    freshness.keySet().stream()
        .filter(Targets.FRESHNESS_P99_MS::containsKey)
        .forEach(
            rate ->
                freshnessTargets.put(Integer.toString(rate), Targets.FRESHNESS_P99_MS.get(rate)));
    targets.put("state_bytes_per_dedup_id", Targets.STATE_BYTES_PER_DEDUP_ID);

    met.put("e2e_events_per_s", e2e.eventsPerSecond() >= Targets.E2E_EVENTS_PER_S);
    met.put("e2e_ratio_to_limit", e2eRatioToLimit() >= Targets.E2E_RATIO_TO_LIMIT);
    ObjectNode freshnessMet = met.putObject("freshness_p99_ms");
    freshness.forEach(
        (rate, result) -> {
          Double target = Targets.FRESHNESS_P99_MS.get(rate);
          if (target != null) {
            freshnessMet.put(
                Integer.toString(rate),
                result.minute().unseen() == 0
                    && result.minute().percentiles() != null
                    && result.minute().percentiles().p99() <= target);
          }
        });
    met.put(
        "state_bytes_per_dedup_id", state.bytesPerDedupId() <= Targets.STATE_BYTES_PER_DEDUP_ID);
  }

  private void putPipelineDetails(ObjectNode details) {
    ObjectNode loadNode = details.putObject("load");
    loadNode.put("records_sent", load.recordsSent());
    loadNode.put("event_records", load.eventRecords());
    loadNode.put("distinct_valid_events", load.distinctValidEvents());
    loadNode.put("day", load.day().toString());
    loadNode.put("seconds", round1(load.seconds()));
    ObjectNode limitNode = details.putObject("limit");
    limitNode.put("records", limit.records());
    limitNode.put("undecodable", limit.undecodable());
    limitNode.put("seconds", round3(limit.seconds()));
    ObjectNode e2eNode = details.putObject("e2e");
    e2eNode.put("expected_events", e2e.events());
    e2eNode.put("counted_events", e2e.counted());
    e2eNode.put("equals_oracle", e2e.counted() == e2e.events());
    e2eNode.put("seconds", round3(e2e.seconds()));
    e2eNode.put("first_row_seconds", round3(e2e.firstRowSeconds()));
    e2eNode.put("parallelism", settings.parallelism());
    if (e2e.cpu() != null) {
      ObjectNode cpuNode = e2eNode.putObject("cpu");
      cpuNode.put(
          "how",
          "user + system CPU seconds per thread of the bench's JVM (the job, the broker and the"
              + " ClickHouse engine) from /proc/self/task over the e2e phase, grouped by part;"
              + " share = seconds / (phase seconds × cores)");
      cpuNode.put("cores", e2e.cpu().cores());
      cpuNode.put("seconds", round3(e2e.cpu().seconds()));
      cpuNode.put("used_share", round3(e2e.cpu().share(e2e.cpu().used())));
      ObjectNode parts = cpuNode.putObject("parts");
      e2e.cpu()
          .parts()
          .forEach(
              (part, seconds) -> {
                ObjectNode partNode = parts.putObject(part);
                partNode.put("cpu_seconds", round1(seconds));
                partNode.put("share", round3(e2e.cpu().share(seconds)));
              });
    }
    ClickHouseWork.Result work = e2e.clickHouse();
    ObjectNode workNode = e2eNode.putObject("clickhouse");
    workNode.put(
        "how",
        "differences of the engine's counters (system.events) over the e2e phase; seconds are the"
            + " summed wall-clock durations of each statement or merge");
    workNode.put("inserts", work.inserts());
    workNode.put("inserted_rows", work.insertedRows());
    workNode.put("inserted_rows_per_event", round3(work.insertedRowsPerEvent(e2e.events())));
    workNode.put("insert_seconds", round3(work.insertSeconds()));
    workNode.put("parts_written", work.partsWritten());
    workNode.put("part_rows_written", work.partRows());
    workNode.put("merges", work.merges());
    workNode.put("merged_rows", work.mergedRows());
    workNode.put("merged_rows_per_part_row", round3(work.mergedRowsPerPartRow()));
    workNode.put("merge_seconds", round3(work.mergeSeconds()));
    workNode.put("selects", work.selects());
    workNode.put("select_seconds", round3(work.selectSeconds()));
    workNode.put("counted_thread_cpu_seconds", round3(work.threadCpuSeconds()));
    ObjectNode stateNode = details.putObject("state");
    stateNode.put("dedup_state_bytes", state.dedupBytes());
    stateNode.put("dedup_ids_held", state.dedupIds());
    stateNode.put("spread_state_bytes", state.spreadBytes());
    stateNode.put("articles", state.articles());
    stateNode.put("savepoint_state_bytes", state.savepointBytes());
    stateNode.put("savepoint_ms", state.savepointMillis());
    stateNode.put("mean_checkpoint_ms_during_run", state.meanCheckpointMillis());
    stateNode.put(
        "method",
        "state_size per job vertex (Flink REST) of a canonical savepoint taken after e2e: all the"
            + " keyed state, serialized");
    StateFootprint.Result footprint = state.footprint();
    stateNode.put("dedup_ids_sampled_on_heap", footprint.dedupIdsSampled());
    stateNode.put("cascade_nodes", footprint.cascadeNodes());
    stateNode.put("cascade_state_bytes", footprint.cascadeStateBytes());
    stateNode.put("savepoint_read_seconds", round1(footprint.seconds()));
    stateNode.put(
        "heap_method",
        "the savepoint read back (State Processor API) into the objects the heap backend holds,"
            + " measured with JOL, plus the backend's map entry per key and state; one id in "
            + StateFootprint.DEDUP_SAMPLE_EVERY
            + "; an article without its share tree, whose nodes are counted apart");
    stateNode.put("job_heap_bytes", state.jobHeapBytes());
    stateNode.put("job_heap_bytes_per_dedup_id", round1(state.jobHeapBytesPerDedupId()));
    stateNode.put(
        "job_heap_method",
        "live heap after a full GC with the job idle after e2e, less the same before the job"
            + " started, over the ids held: an upper bound per id (the whole job's heap)");
    ObjectNode insertsNode = details.putObject("clickhouse_inserts");
    insertsNode.put("rows_per_insert", inserts.rows());
    insertsNode.put("rounds", inserts.rounds());
    insertsNode.put("in_process_median_rows_per_s", round(inserts.inProcessMedian()));
    insertsNode.put("http_median_rows_per_s", round(inserts.httpMedian()));
    insertsNode.put("seconds", round1(inserts.seconds()));
    insertsNode.put(
        "method",
        "./chuanbo clickhouse-bench in its own JVM: narrow rows in RowBinary, POST to the HTTP"
            + " endpoint vs the engine call, alternating, best of the rounds");
  }

  public void writeJson(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    MAPPER.writeValue(file.toFile(), toJson());
  }

  private static void putDelays(ObjectNode node, Freshness.Delays delays) {
    if (delays.percentiles() == null) {
      node.putNull("p50_ms");
      node.putNull("p99_ms");
      node.putNull("max_ms");
    } else {
      node.put("p50_ms", Math.round(delays.percentiles().p50()));
      node.put("p99_ms", Math.round(delays.percentiles().p99()));
      node.put("max_ms", Math.round(delays.percentiles().max()));
    }
    node.put("seen", delays.seen());
    node.put("unseen", delays.unseen());
  }

  private static long round(double value) {
    return Math.round(value);
  }

  private static double round1(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static double round3(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
