package org.chuanbo.cli.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.chuanbo.cli.stack.StackLayout;
import org.chuanbo.cli.stack.StackPorts;
import org.chuanbo.cli.stack.StackServices;
import org.chuanbo.jobs.JobSettings;
import org.chuanbo.jobs.JobSettingsFile;
import org.chuanbo.kafka.local.LocalKafka;
import org.chuanbo.kafka.local.LoopbackPorts;

/**
 * One bench run on a scratch stack of its own — a fresh broker, ClickHouse endpoint and MiniCluster
 * on free loopback ports, state under {@code .chuanbo/bench/} (emptied first) — so a running {@code
 * stack up} is never disturbed. The phases run one after the other, never side by side, each with
 * the two cores to itself: load Kafka, the decode limit, the job catching up (e2e), the state it
 * then holds, freshness at each rate, and the report queries and the Superset charts' queries over
 * their own load.
 */
public final class BenchRun {

  private final BenchSettings settings;
  private final Path projectRoot;
  private final Progress progress;

  public BenchRun(BenchSettings settings, Path projectRoot, Progress progress) {
    this.settings = settings;
    this.projectRoot = projectRoot;
    this.progress = progress;
  }

  /** The scratch stack's state: beside the real stack's, never inside it. */
  public static StackLayout layout(Path projectRoot) {
    return new StackLayout(projectRoot.resolve(".chuanbo").resolve("bench"));
  }

  public BenchReport run() throws Exception {
    long start = System.nanoTime();
    StackLayout layout = layout(projectRoot);
    deleteRecursively(layout.root());
    StackPorts ports =
        new StackPorts(
            LoopbackPorts.freePort(), LoopbackPorts.freePort(), LoopbackPorts.freePort());
    if (!settings.phases().pipeline()) {
      return queriesAlone(layout, ports, start);
    }
    progress.line(
        "scratch stack under %s: Kafka %s, ClickHouse %s, Flink %s",
        layout.root(), ports.kafkaAddress(), ports.clickHouseUrl(), ports.flinkUrl());
    LocalKafka kafka = StackServices.startKafka(layout, ports);
    StackServices.ClickHouse clickHouse = null;
    JobClient job = null;
    try {
      clickHouse = StackServices.startClickHouse(layout, ports);
      StackServices.ClickHouse started = clickHouse;
      try (Client reader = started.credentials().reader(ports.clickHouseUrl()).newClient();
          Client admin = started.credentials().admin(ports.clickHouseUrl()).newClient()) {
        KafkaLoad.Loaded load =
            KafkaLoad.run(kafka.bootstrapServers(), settings.events(), settings.seed(), progress);
        progress.line("loaded in %.1f s", load.seconds());

        DecodeLimit.Result limit = DecodeLimit.run(kafka.bootstrapServers(), progress);
        progress.line(
            "limit: %,d records in %.2f s = %,.0f events/s",
            limit.records(), limit.seconds(), limit.recordsPerSecond());

        long heapBeforeJob = JobHeap.liveBytes();
        EndToEnd.Result e2e =
            EndToEnd.run(
                () -> startJob(layout, ports, kafka, started),
                reader,
                admin,
                load.distinctValidEvents(),
                kafka.pid(),
                progress);
        job = e2e.job();
        progress.line(
            "e2e: %,.0f events/s (%.1f%% of the limit)",
            e2e.eventsPerSecond(), 100 * e2e.eventsPerSecond() / limit.recordsPerSecond());
        if (e2e.cpu() != null) {
          ThreadCpu.Breakdown cpu = e2e.cpu();
          progress.line(
              "e2e: CPU %.0f%% of %d cores; by part:", 100 * cpu.share(cpu.used()), cpu.cores());
          // The parts that matter; the JSON holds every one.
          cpu.parts()
              .forEach(
                  (part, seconds) -> {
                    if (cpu.share(seconds) >= 0.005) {
                      progress.line("e2e:   %5.1f%%  %s", 100 * cpu.share(seconds), part);
                    }
                  });
        }
        ClickHouseWork.Result work = e2e.clickHouse();
        progress.line(
            "e2e: ClickHouse ran %,d inserts (%,d rows with the views', %.1f per event) in %.1f s,"
                + " wrote %,d parts; %,d merges read %,d rows (%.1f per part row) in %.1f s;"
                + " %,d selects in %.1f s",
            work.inserts(),
            work.insertedRows(),
            work.insertedRowsPerEvent(e2e.events()),
            work.insertSeconds(),
            work.partsWritten(),
            work.merges(),
            work.mergedRows(),
            work.mergedRowsPerPartRow(),
            work.mergeSeconds(),
            work.selects(),
            work.selectSeconds());

        BenchReport.StateSize state =
            stateSize(
                ports,
                job,
                load.distinctValidEvents(),
                reader,
                layout.root().resolve("savepoints"),
                heapBeforeJob);

        Map<Integer, Freshness.Result> freshness = new LinkedHashMap<>();
        Freshness phase =
            new Freshness(kafka.bootstrapServers(), reader, loadedArticles(reader), progress);
        for (int rate : settings.rates()) {
          Freshness.Result result = phase.run(rate, settings.freshnessPhase());
          freshness.put(rate, result);
        }

        progress.line(
            "stopping the job; loading %,d events into the tables …", settings.queryRows());
        job.cancel().get(60, TimeUnit.SECONDS);
        job = null;
        QueryPhase queries = queries(admin, reader);
        InsertPaths.Result inserts =
            InsertPaths.run(
                layout.root().resolve("inserts"),
                settings.insertRows(),
                BenchSettings.INSERT_ROUNDS,
                progress);
        progress.line(
            "inserts: HTTP %,.0f rows/s, in-process %,.0f rows/s (%.0f%%)",
            inserts.httpRowsPerSecond(),
            inserts.inProcessRowsPerSecond(),
            100 * inserts.httpRatio());

        return new BenchReport(
            Instant.now(),
            settings,
            BenchEnvironment.here(projectRoot, started.engine().version()),
            load,
            limit,
            e2e,
            freshness,
            queries.reports(),
            queries.charts(),
            state,
            inserts,
            (System.nanoTime() - start) / 1e9);
      }
    } finally {
      if (job != null) {
        try {
          job.cancel().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          progress.line("the job did not cancel cleanly: %s", e.getMessage());
        }
      }
      kafka.stop();
      if (clickHouse != null) {
        clickHouse.server().close();
      }
    }
  }

  /**
   * {@code --only queries}: the ClickHouse endpoint alone (migrated as {@code stack up} migrates
   * it), the query load and the timed queries; no broker, no job, so the report has no pipeline
   * figures.
   */
  private BenchReport queriesAlone(StackLayout layout, StackPorts ports, long start)
      throws IOException {
    progress.line(
        "scratch ClickHouse under %s on %s (the queries alone)",
        layout.root(), ports.clickHouseUrl());
    StackServices.ClickHouse clickHouse = StackServices.startClickHouse(layout, ports);
    try (Client reader = clickHouse.credentials().reader(ports.clickHouseUrl()).newClient();
        Client admin = clickHouse.credentials().admin(ports.clickHouseUrl()).newClient()) {
      QueryPhase queries = queries(admin, reader);
      return BenchReport.queriesOnly(
          Instant.now(),
          settings,
          BenchEnvironment.here(projectRoot, clickHouse.engine().version()),
          queries.reports(),
          queries.charts(),
          (System.nanoTime() - start) / 1e9);
    } finally {
      clickHouse.server().close();
    }
  }

  /** What the query phase timed: the report queries and the Superset charts' queries. */
  private record QueryPhase(
      Map<String, QueryLatency.Result> reports, Map<String, QueryLatency.Result> charts) {}

  /**
   * Loads the query data into the emptied tables, then times every report query and every Superset
   * chart's generated query over it, the same way.
   */
  private QueryPhase queries(Client admin, Client reader) {
    long loadStart = System.nanoTime();
    QueryLoad.run(admin, settings.queryRows(), progress);
    progress.line("query data loaded in %.1f s", (System.nanoTime() - loadStart) / 1e9);
    QueryLatency.Scope scope = QueryLatency.Scope.of(reader);
    Map<String, QueryLatency.Result> reports =
        QueryLatency.run(
            reader,
            scope,
            "report queries",
            ReportQueryFiles.all(),
            settings.queryRuns(),
            settings.queryBudget(),
            progress);
    Map<String, QueryLatency.Result> charts =
        QueryLatency.run(
            reader,
            scope,
            "Superset chart queries",
            ReportQueryFiles.chartQueries(),
            settings.queryRuns(),
            settings.queryBudget(),
            progress);
    return new QueryPhase(reports, charts);
  }

  private JobClient startJob(
      StackLayout layout, StackPorts ports, LocalKafka kafka, StackServices.ClickHouse clickHouse) {
    try {
      return StackServices.startJob(
          layout,
          ports,
          kafka.bootstrapServers(),
          clickHouse.credentials(),
          settings.parallelism());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The dedupe and spread operators' state after the e2e run, from a canonical savepoint taken when
   * every loaded id is held and nothing else is; and the heap the job then holds.
   */
  private BenchReport.StateSize stateSize(
      StackPorts ports,
      JobClient job,
      long idsHeld,
      Client reader,
      Path savepoints,
      long heapBeforeJob)
      throws InterruptedException {
    CheckpointStateSizes sizes =
        new CheckpointStateSizes(ports.flinkUrl(), job.getJobID().toString());
    CheckpointStateSizes.Checkpoint checkpoint =
        sizes.savepoint(job, savepoints, Duration.ofSeconds(120));
    Map<String, Long> byVertex = checkpoint.byVertex();
    progress.line(
        "savepoint %d: %,d bytes in %d ms (mean of all checkpoints %d ms); by operator: %s",
        checkpoint.id(),
        checkpoint.stateBytes(),
        checkpoint.durationMillis(),
        checkpoint.averageDurationMillis(),
        byVertex);
    long articles = reader.queryAll("SELECT count() FROM chuanbo.article_spread").get(0).getLong(1);
    long jobHeap = JobHeap.liveBytes() - heapBeforeJob;
    progress.line("the job's heap after a full GC: %,d bytes", jobHeap);
    progress.line("reading the savepoint back to measure its state on the heap …");
    JobSettings jobSettings = JobSettingsFile.bundled(Map.of()).job();
    StateFootprint.Result footprint;
    try {
      footprint =
          StateFootprint.measure(
              checkpoint.path(), jobSettings.deduplicationHorizon(), jobSettings.spread());
    } catch (Exception e) {
      throw new IllegalStateException("reading the savepoint back failed: " + e.getMessage(), e);
    }
    progress.line(
        "heap: %.1f bytes per dedup id (%,d sampled), %,.0f per article without its share tree,"
            + " %.1f per cascade node (%,d nodes); read in %.1f s",
        footprint.heapBytesPerDedupId(),
        footprint.dedupIdsSampled(),
        footprint.heapBytesPerArticle(),
        footprint.heapBytesPerCascadeNode(),
        footprint.cascadeNodes(),
        footprint.seconds());
    return new BenchReport.StateSize(
        CheckpointStateSizes.of(byVertex, "deduplicate by event_id"),
        idsHeld,
        CheckpointStateSizes.of(byVertex, "article spread"),
        articles,
        checkpoint.stateBytes(),
        checkpoint.durationMillis(),
        checkpoint.averageDurationMillis(),
        jobHeap,
        footprint);
  }

  /** The pieces of the loaded day, which the freshness phases' load events view. */
  private static List<String> loadedArticles(Client reader) {
    List<String> articles =
        reader.queryAll("SELECT DISTINCT article_id FROM chuanbo.events LIMIT 1000").stream()
            .map((GenericRecord row) -> row.getString(1))
            .toList();
    if (articles.isEmpty()) {
      throw new IllegalStateException("no loaded article to send freshness load to");
    }
    return articles;
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
