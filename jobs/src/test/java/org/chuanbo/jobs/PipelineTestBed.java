package org.chuanbo.jobs;

import com.clickhouse.client.api.Client;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.generator.GeneratorSettings;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.clickhouse.ClickHouseSink;
import org.chuanbo.jobs.clickhouse.Migrations;
import org.chuanbo.jobs.kafka.KafkaEndpoints;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.tables.EventsTable;
import org.chuanbo.kafka.local.ContractTopics;
import org.chuanbo.kafka.local.LocalKafka;
import org.chuanbo.kafka.local.LocalKafkaSettings;
import org.chuanbo.kafka.local.LoopbackPorts;
import org.chuanbo.schemas.Topics;

/**
 * What the whole-pipeline tests share: a fresh Kafka broker with the contract topics, the migrated
 * local ClickHouse with the job's tables emptied, the generated stream published with its send
 * times, the job started on the test's MiniCluster, and the wait until every table has caught up.
 */
final class PipelineTestBed implements AutoCloseable {

  static final int PARALLELISM = 2;

  private final LocalKafkaSettings kafkaSettings;
  private LocalKafka kafka;
  private final ClickHouseEndpoint clickHouse;
  private final Client client;

  private PipelineTestBed(
      LocalKafkaSettings kafkaSettings,
      LocalKafka kafka,
      ClickHouseEndpoint clickHouse,
      Client client) {
    this.kafkaSettings = kafkaSettings;
    this.kafka = kafka;
    this.clickHouse = clickHouse;
    this.client = client;
  }

  /** Starts a broker with its data under {@code temp}, and empties the job's tables. */
  static PipelineTestBed start(Path temp) throws Exception {
    LocalKafkaSettings kafkaSettings =
        LocalKafkaSettings.in(temp.resolve("kafka")).withPort(LoopbackPorts.freePort());
    LocalKafka kafka = new LocalKafka(kafkaSettings);
    kafka.start();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      ContractTopics.createMissing(admin);
    }
    ClickHouseEndpoint clickHouse = ClickHouseEndpoint.local(LocalClickHouse.server().port());
    Migrations.bundled().apply(clickHouse);
    Client client = clickHouse.newClient();
    for (String table :
        List.of(
            "events",
            "article_minute",
            "article_versions",
            "share_cascade",
            "article_spread_versions",
            "platform_count_reports",
            "reach_daily",
            "reach_viewers",
            "article_day",
            "article_hour",
            "ingest_minute",
            "events_by_time",
            "ingest_quality_minute")) {
      client.execute("TRUNCATE TABLE chuanbo." + table).get().close();
    }
    return new PipelineTestBed(kafkaSettings, kafka, clickHouse, client);
  }

  @Override
  public void close() {
    client.close();
    kafka.stop();
  }

  /** A day two days ago (Shanghai), so no generated event is in the future of the job's clock. */
  static GeneratorSettings settings(long seed) {
    LocalDate start = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2);
    return new GeneratorSettings(1, seed, 0.15, start);
  }

  Client client() {
    return client;
  }

  ClickHouseEndpoint clickHouse() {
    return clickHouse;
  }

  /** Where a producer or consumer of the test's own reaches the broker. */
  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The broker's own log (it runs in a JVM of its own). */
  Path kafkaLog() {
    return kafka.logFile();
  }

  /**
   * Sends the records stamped with their send times, so that the minute each reached Kafka is the
   * one the oracle knows (the generated day is two days old: inside the topics' retention).
   */
  void publish(List<OutgoingRecord> records) {
    PacedPublisher.publish(kafka.bootstrapServers(), records);
  }

  /** Publishes in the background at about 2,000 records a second: the generator streaming. */
  CompletableFuture<Void> stream(List<OutgoingRecord> records) {
    return PacedPublisher.publishPaced(kafka.bootstrapServers(), records, 250);
  }

  /**
   * Stops the broker and starts it again on the same port and data after {@code down}: consumers
   * and producers see it go away mid-stream, as with a broker's rolling restart.
   */
  void restartKafka(Duration down) throws InterruptedException {
    kafka.stop();
    Thread.sleep(down.toMillis());
    kafka = new LocalKafka(kafkaSettings);
    kafka.start();
  }

  /** The job as the stack runs it, on the test's MiniCluster. */
  JobClient startJob() throws Exception {
    return startJob(new ClickHouseSink<>(clickHouse, EventsTable.MAPPING));
  }

  /** The job with another sink for chuanbo.events (one that fails, say). */
  JobClient startJob(Sink<EnrichedEvent> eventsSink) throws Exception {
    return startJob(clickHouse, eventsSink);
  }

  /** The job writing every table through {@code endpoint} (one a test takes down, say). */
  JobClient startJobWritingTo(ClickHouseEndpoint endpoint) throws Exception {
    return startJob(endpoint, new ClickHouseSink<>(endpoint, EventsTable.MAPPING));
  }

  private JobClient startJob(ClickHouseEndpoint endpoint, Sink<EnrichedEvent> eventsSink)
      throws Exception {
    Configuration configuration = new Configuration();
    DisseminationJob.configureRecovery(configuration);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration);
    env.setParallelism(PARALLELISM);
    JobSettings settings =
        JobSettings.defaults()
            .withCheckpointInterval(Duration.ofMillis(500))
            .withPseudonymKey("pipeline-test-key-" + UUID.randomUUID());
    DisseminationJob.enableCheckpointing(env, settings);
    KafkaEndpoints endpoints =
        new KafkaEndpoints(kafka.bootstrapServers(), "pipeline-test-" + UUID.randomUUID());
    new DisseminationJob(
            settings,
            DisseminationJob.Sources.kafka(endpoints, settings),
            DisseminationJob.Sinks.clickHouseAndKafka(endpoint, endpoints, settings.pseudonymiser())
                .withEvents(eventsSink),
            Clock.systemUTC())
        .build(env);
    return env.executeAsync("pipeline test");
  }

  /**
   * A settings file as a deployment writes one, pointing at this bed's broker and ClickHouse, with
   * checkpoints under {@code checkpoints} and whatever else {@code lines} say.
   */
  Path writeSettingsFile(Path file, Path checkpoints, String... lines) throws IOException {
    List<String> text = new ArrayList<>();
    text.add("kafka.bootstrap-servers=" + kafka.bootstrapServers());
    text.add("kafka.group-id=production-test-" + UUID.randomUUID());
    text.add("clickhouse.url=" + clickHouse.url());
    text.add("clickhouse.user=" + clickHouse.user());
    text.add("checkpoint.directory=" + checkpoints.toUri());
    text.add("checkpoint.interval=500ms");
    text.addAll(List.of(lines));
    Files.write(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * The job as {@link DisseminationJob#main} runs it on a cluster, from a settings file and the
   * environment's key, on the test's MiniCluster. Every checkpoint file is written out rather than
   * inlined into the checkpoint's metadata, so a test can see where the state went.
   */
  JobClient startProductionJob(Path settingsFile) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(
        new Configuration().set(CheckpointingOptions.FS_SMALL_FILE_THRESHOLD, MemorySize.ZERO));
    env.setParallelism(PARALLELISM);
    DisseminationJob.prepare(
        JobSettingsFile.read(
            settingsFile,
            Map.of(
                JobSettingsFile.PSEUDONYM_KEY_VARIABLE,
                "production-test-key-" + UUID.randomUUID(),
                JobSettingsFile.CLICKHOUSE_PASSWORD_VARIABLE,
                clickHouse.password())),
        env);
    return env.executeAsync(DisseminationJob.NAME);
  }

  void awaitCaughtUp(GeneratedStreamFacts expected) {
    new ExactTables(client).awaitCaughtUp(expected, Duration.ofMinutes(3));
  }

  /** Every record of the dead-letter topic, once there are {@code expectedCount} of them. */
  List<ConsumerRecord<byte[], byte[]>> deadLetters(long expectedCount) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-check-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.EVENTS_DLQ));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= expectedCount;
              });
      // Anything beyond the expected count would be a repeat: give it a moment to show up.
      consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
      return records;
    }
  }

  long scalar(String sql) {
    return client.queryAll(sql).get(0).getLong(1);
  }
}
