package org.chuanbo.jobs;

import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.clickhouse.ClickHouseSink;
import org.chuanbo.jobs.clickhouse.RefusedRows;
import org.chuanbo.jobs.functions.ArticleChannelKey;
import org.chuanbo.jobs.functions.CountRejectedAndDuplicates;
import org.chuanbo.jobs.functions.CountingAggregator;
import org.chuanbo.jobs.functions.DecodeArticles;
import org.chuanbo.jobs.functions.DecodeEvents;
import org.chuanbo.jobs.functions.DecodePlatformCounts;
import org.chuanbo.jobs.functions.DeduplicateEvents;
import org.chuanbo.jobs.functions.DeltaSinceLastFiring;
import org.chuanbo.jobs.functions.EarlyFiringTrigger;
import org.chuanbo.jobs.functions.JoinArticleOffice;
import org.chuanbo.jobs.functions.LateEventCorrection;
import org.chuanbo.jobs.functions.Pseudonymiser;
import org.chuanbo.jobs.functions.TrackArticleSpread;
import org.chuanbo.jobs.kafka.BacklogRule;
import org.chuanbo.jobs.kafka.KafkaEndpoints;
import org.chuanbo.jobs.kafka.RefusedRowsTopic;
import org.chuanbo.jobs.records.ArticleMinuteDelta;
import org.chuanbo.jobs.records.ArticleSpread;
import org.chuanbo.jobs.records.ArticleVersion;
import org.chuanbo.jobs.records.CascadeShare;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.IngestQualityCount;
import org.chuanbo.jobs.records.PlatformReport;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.jobs.spread.DisseminationIndex;
import org.chuanbo.jobs.tables.ArticleMinuteTable;
import org.chuanbo.jobs.tables.ArticleSpreadTable;
import org.chuanbo.jobs.tables.ArticleVersionsTable;
import org.chuanbo.jobs.tables.EventsTable;
import org.chuanbo.jobs.tables.IngestQualityMinuteTable;
import org.chuanbo.jobs.tables.PlatformCountReportsTable;
import org.chuanbo.jobs.tables.ShareCascadeTable;
import org.chuanbo.schemas.Topics;

/**
 * The dissemination pipeline: Kafka events and articles in, ClickHouse tables out, exactly once.
 *
 * <p>It is handed its sources and sinks (Kafka and ClickHouse in production, finite sources and
 * collecting sinks in tests) and assembles the pipeline in {@link #build}, top to bottom. {@link
 * #main} runs it on a Flink cluster ({@code flink run}, the Kubernetes operator) from one settings
 * file; {@link #prepare} wires the real sources and sinks, for main, the local stack and the tests.
 */
public final class DisseminationJob {

  /** The job's name in Flink (web UI, REST API, metrics). */
  public static final String NAME = "chuanbo-dissemination";

  /**
   * Runs the job on the cluster that {@code flink run} (or the operator) provides: {@code
   * [--settings FILE]}, secrets from the environment ({@link JobSettingsFile}). A mistake in the
   * settings prints one line and exits with status 2, without a stack trace.
   */
  public static void main(String[] args) throws Exception {
    JobDeployment deployment;
    try {
      deployment = JobSettingsFile.fromArguments(args, System.getenv()).requirePseudonymKey();
    } catch (InvalidSettingsException e) {
      System.err.println("chuanbo job: " + e.getMessage());
      System.exit(2);
      return;
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    prepare(deployment, env);
    env.execute(NAME);
  }

  /**
   * Applies the deployment's Flink options (state backend, checkpoints, max parallelism, restarts)
   * to {@code env} and builds the pipeline between its Kafka and ClickHouse into it; the caller
   * executes it.
   *
   * @throws InvalidSettingsException without a usable pseudonymisation key
   */
  public static void prepare(JobDeployment deployment, StreamExecutionEnvironment env) {
    JobSettings settings = deployment.requirePseudonymKey().job();
    env.configure(deployment.flinkConfiguration());
    enableCheckpointing(env, settings);
    KafkaEndpoints kafka = deployment.kafka();
    new DisseminationJob(
            settings,
            Sources.kafka(kafka, settings),
            Sinks.clickHouseAndKafka(deployment.clickHouse(), kafka, settings.pseudonymiser()),
            Clock.systemUTC())
        .build(env);
  }

  /**
   * Where the job reads: raw records of {@code chuanbo.events}, {@code chuanbo.articles} and {@code
   * chuanbo.platform_counts}.
   */
  public record Sources(
      Source<RawRecord, ?, ?> events,
      Source<RawRecord, ?, ?> articles,
      Source<RawRecord, ?, ?> platformCounts) {

    /**
     * The contract topics of one Kafka cluster, read from the start (or the restored offsets). The
     * events source says when it is catching up, for the checkpoint interval during a backlog; the
     * other two carry too little to matter.
     */
    public static Sources kafka(KafkaEndpoints kafka, JobSettings settings) {
      return new Sources(
          settings.checkpointsLongerDuringBacklog()
              ? kafka.backlogReportingSource(
                  Topics.EVENTS, BacklogRule.of(settings.checkpointIntervalDuringBacklog()))
              : kafka.source(Topics.EVENTS, false),
          kafka.source(Topics.ARTICLES, false),
          kafka.source(Topics.PLATFORM_COUNTS, false));
    }
  }

  /** Where the job writes: the tables and the dead-letter topic. */
  public record Sinks(
      Sink<EnrichedEvent> events,
      Sink<ArticleMinuteDelta> articleMinute,
      Sink<ArticleVersion> articles,
      Sink<PlatformReport> platformCounts,
      Sink<CascadeShare> shareCascade,
      Sink<ArticleSpread> articleSpread,
      Sink<IngestQualityCount> ingestQuality,
      Sink<RejectedRecord> deadLetters) {

    /**
     * The ClickHouse tables (exactly once) and the cluster's dead-letter topic, whose copies carry
     * pseudonyms instead of ids: {@code pseudonymiser} must be the job's own ({@link
     * JobSettings#pseudonymiser}), so that they match the tables' rows.
     */
    public static Sinks clickHouseAndKafka(
        ClickHouseEndpoint clickHouse, KafkaEndpoints kafka, Pseudonymiser pseudonymiser) {
      // A row ClickHouse refuses joins the dead letters instead of stopping the stream.
      RefusedRows refused = new RefusedRowsTopic(kafka.bootstrapServers(), Topics.EVENTS_DLQ);
      return new Sinks(
          new ClickHouseSink<>(clickHouse, EventsTable.MAPPING, refused),
          new ClickHouseSink<>(clickHouse, ArticleMinuteTable.MAPPING, refused),
          new ClickHouseSink<>(clickHouse, ArticleVersionsTable.MAPPING, refused),
          new ClickHouseSink<>(clickHouse, PlatformCountReportsTable.MAPPING, refused),
          new ClickHouseSink<>(clickHouse, ShareCascadeTable.MAPPING, refused),
          new ClickHouseSink<>(clickHouse, ArticleSpreadTable.MAPPING, refused),
          new ClickHouseSink<>(clickHouse, IngestQualityMinuteTable.MAPPING, refused),
          kafka.deadLetterSink(pseudonymiser));
    }

    public Sinks withEvents(Sink<EnrichedEvent> eventsSink) {
      return new Sinks(
          eventsSink,
          articleMinute,
          articles,
          platformCounts,
          shareCascade,
          articleSpread,
          ingestQuality,
          deadLetters);
    }
  }

  private static final OutputTag<EnrichedEvent> TOO_LATE =
      new OutputTag<>("too-late-for-window") {};

  private final JobSettings settings;
  private final Sources sources;
  private final Sinks sinks;
  private final Clock clock;

  public DisseminationJob(JobSettings settings, Sources sources, Sinks sinks, Clock clock) {
    this.settings = settings;
    this.sources = sources;
    this.sinks = sinks;
    this.clock = clock;
  }

  public void build(StreamExecutionEnvironment env) {
    // Records pass between chained operators as they are instead of as copies: no operator keeps
    // or changes a record it was handed (records are immutable; state keeps what it derives), and
    // copying each event at every chained step cost a share of the CPU per event.
    env.getConfig().enableObjectReuse();
    SingleOutputStreamOperator<EnrichedEvent> decodedEvents =
        env.fromSource(sources.events(), WatermarkStrategy.noWatermarks(), Topics.EVENTS)
            .uid("events-source")
            .process(new DecodeEvents(settings.pseudonymiser(), clock))
            .uid("decode-events")
            .name("decode and validate events");
    SingleOutputStreamOperator<ArticleVersion> articles =
        env.fromSource(sources.articles(), WatermarkStrategy.noWatermarks(), Topics.ARTICLES)
            .uid("articles-source")
            .process(new DecodeArticles(clock))
            .uid("decode-articles")
            .name("decode and validate articles");

    SingleOutputStreamOperator<PlatformReport> platformReports =
        env.fromSource(
                sources.platformCounts(), WatermarkStrategy.noWatermarks(), Topics.PLATFORM_COUNTS)
            .uid("platform-counts-source")
            .process(new DecodePlatformCounts(clock))
            .uid("decode-platform-counts")
            .name("decode and validate platform counts");

    DataStream<RejectedRecord> rejected =
        decodedEvents
            .getSideOutput(DecodeEvents.REJECTED)
            .union(
                articles.getSideOutput(DecodeArticles.REJECTED),
                platformReports.getSideOutput(DecodePlatformCounts.REJECTED));
    rejected.sinkTo(sinks.deadLetters()).uid("dead-letters").name(Topics.EVENTS_DLQ);
    articles.sinkTo(sinks.articles()).uid("articles-sink").name("chuanbo.article_versions");
    platformReports
        .sinkTo(sinks.platformCounts())
        .uid("platform-counts-sink")
        .name("chuanbo.platform_count_reports");

    SingleOutputStreamOperator<EnrichedEvent> deduplicated =
        decodedEvents
            .keyBy(EnrichedEvent::eventId)
            .process(new DeduplicateEvents(settings.deduplicationHorizon()))
            .uid("deduplicate")
            .name("deduplicate by event_id");
    rejected
        .connect(deduplicated.getSideOutput(DeduplicateEvents.DUPLICATES))
        .transform(
            "rejected and duplicates per minute",
            TypeInformation.of(IngestQualityCount.class),
            new CountRejectedAndDuplicates())
        .uid("count-rejected-and-duplicates")
        .sinkTo(sinks.ingestQuality())
        .uid("ingest-quality-sink")
        .name("chuanbo.ingest_quality_minute");

    DataStream<EnrichedEvent> events =
        deduplicated
            .keyBy(EnrichedEvent::articleId)
            .connect(articles.keyBy(ArticleVersion::articleId))
            .process(new JoinArticleOffice(settings.articleWait()))
            .uid("join-article")
            .name("join article office")
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<EnrichedEvent>forBoundedOutOfOrderness(settings.outOfOrderness())
                    .withTimestampAssigner((event, previous) -> event.eventTimeMillis())
                    .withIdleness(settings.idleness()))
            .uid("event-time")
            .name("event time and watermarks");
    events.sinkTo(sinks.events()).uid("events-sink").name("chuanbo.events");

    SingleOutputStreamOperator<ArticleMinuteDelta> minutes =
        events
            .keyBy(new ArticleChannelKey())
            .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
            .trigger(new EarlyFiringTrigger(settings.earlyFiring()))
            .allowedLateness(settings.allowedLateness())
            .sideOutputLateData(TOO_LATE)
            .aggregate(new CountingAggregator(), new DeltaSinceLastFiring())
            .uid("article-minute-window")
            .name("article × channel × minute");
    minutes
        .union(
            minutes
                .getSideOutput(TOO_LATE)
                .map(new LateEventCorrection())
                .uid("late-corrections")
                .name("late corrections"))
        .sinkTo(sinks.articleMinute())
        .uid("article-minute-sink")
        .name("chuanbo.article_minute");

    SingleOutputStreamOperator<ArticleSpread> spread =
        events
            .keyBy(EnrichedEvent::articleId)
            .connect(platformReports.keyBy(PlatformReport::articleId))
            .process(new TrackArticleSpread(settings.spread(), DisseminationIndex.current()))
            .uid("article-spread")
            .name("article spread: cascades, reach, platform counts, DI");
    spread
        .getSideOutput(TrackArticleSpread.CASCADE)
        .sinkTo(sinks.shareCascade())
        .uid("share-cascade-sink")
        .name("chuanbo.share_cascade");
    spread
        .sinkTo(sinks.articleSpread())
        .uid("article-spread-sink")
        .name("chuanbo.article_spread_versions");
  }

  /** Restarts after failures: the job resumes from its last checkpoint, a second later. */
  public static void configureRecovery(Configuration configuration) {
    configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    configuration.set(
        RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
    configuration.set(
        RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
  }

  /**
   * Exactly-once checkpoints, which the ClickHouse sinks commit on, with at least half an interval
   * of plain processing between two. When checkpoints take as long as the interval (the local
   * stack's 500 ms while catching up), they would otherwise follow each other back to back: e2e
   * fell from 18,318 to 12,534 events/s. A whole interval's pause gave 20,655, but under light load
   * it added the checkpoint's own time to every row's wait (freshness p99 at 5,000/s 1,381 → 2,093
   * ms); half an interval still leaves a light load's checkpoints their interval.
   */
  public static void enableCheckpointing(StreamExecutionEnvironment env, JobSettings settings) {
    long interval = settings.checkpointInterval().toMillis();
    env.enableCheckpointing(interval, CheckpointingMode.EXACTLY_ONCE);
    env.getCheckpointConfig().setMinPauseBetweenCheckpoints(interval / 2);
    if (settings.checkpointsLongerDuringBacklog()) {
      // Used while the events source says it is catching up (BacklogReportingSource).
      Configuration backlog = new Configuration();
      backlog.set(
          CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG,
          settings.checkpointIntervalDuringBacklog());
      env.configure(backlog);
    }
  }
}
