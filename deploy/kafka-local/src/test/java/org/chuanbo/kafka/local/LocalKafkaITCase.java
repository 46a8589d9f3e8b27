package org.chuanbo.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chuanbo.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker the local stack runs, tested as clients use it: one broker for the class on free ports
 * in a temporary directory, a fresh topic per test.
 */
class LocalKafkaITCase {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir static Path dataDirectory;

  private static LocalKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = new LocalKafka(LocalKafkaSettings.in(dataDirectory).withPort(LoopbackPorts.freePort()));
    kafka.start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.stop();
    }
  }

  @Test
  void shouldCreateTheContractTopicsOnceWithTheirSettings() throws Exception {
    try (Admin admin = admin()) {
      assertThat(ContractTopics.createMissing(admin))
          .containsExactlyInAnyOrder(
              Topics.EVENTS, Topics.ARTICLES, Topics.PLATFORM_COUNTS, Topics.EVENTS_DLQ);
      // Again, asking for other partition counts: existing topics stay as they are.
      assertThat(ContractTopics.createMissing(admin, 8)).isEmpty();

      Map<String, TopicDescription> topics =
          admin
              .describeTopics(
                  List.of(
                      Topics.EVENTS, Topics.ARTICLES, Topics.PLATFORM_COUNTS, Topics.EVENTS_DLQ))
              .allTopicNames()
              .get();
      assertThat(topics.get(Topics.EVENTS).partitions()).hasSize(4);
      assertThat(topics.get(Topics.ARTICLES).partitions()).hasSize(4);
      assertThat(topics.get(Topics.PLATFORM_COUNTS).partitions()).hasSize(4);
      assertThat(topics.get(Topics.EVENTS_DLQ).partitions()).hasSize(1);

      assertThat(topicConfig(admin, Topics.ARTICLES, TopicConfig.CLEANUP_POLICY_CONFIG))
          .isEqualTo("compact");
      assertThat(topicConfig(admin, Topics.EVENTS, TopicConfig.CLEANUP_POLICY_CONFIG))
          .isEqualTo("delete");
      assertThat(topicConfig(admin, Topics.PLATFORM_COUNTS, TopicConfig.CLEANUP_POLICY_CONFIG))
          .as("every revision is kept")
          .isEqualTo("delete");
      assertThat(topicConfig(admin, Topics.EVENTS_DLQ, TopicConfig.RETENTION_MS_CONFIG))
          .isEqualTo(String.valueOf(Duration.ofDays(90).toMillis()));
    }
  }

  @Test
  void shouldReturnKeyedRecordsExactlyAndInOrderPerPartition() throws Exception {
    String topic = newTopic(4);
    Map<Integer, List<String>> sentPerPartition = new TreeMap<>();
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String key = "article-" + (i % 7);
        sends.add(producer.send(new ProducerRecord<>(topic, key, key + "/event-" + i)));
      }
      for (int i = 0; i < 100; i++) {
        int partition = sends.get(i).get().partition();
        String key = "article-" + (i % 7);
        sentPerPartition
            .computeIfAbsent(partition, p -> new ArrayList<>())
            .add(key + "/event-" + i);
      }
    }
    assertThat(sentPerPartition.keySet())
        .as("7 keys spread over several partitions")
        .hasSizeGreaterThan(1);

    List<ConsumerRecord<String, String>> received = readAll(topic, "read_uncommitted", 100);

    Map<Integer, List<String>> receivedPerPartition = new TreeMap<>();
    for (ConsumerRecord<String, String> record : received) {
      assertThat(record.value()).startsWith(record.key() + "/");
      receivedPerPartition
          .computeIfAbsent(record.partition(), p -> new ArrayList<>())
          .add(record.value());
    }
    assertThat(receivedPerPartition).isEqualTo(sentPerPartition);
    Map<String, Set<Integer>> partitionsPerKey =
        received.stream()
            .collect(
                Collectors.groupingBy(
                    ConsumerRecord::key,
                    Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
    assertThat(partitionsPerKey)
        .hasSize(7)
        .allSatisfy((key, partitions) -> assertThat(partitions).hasSize(1));
  }

  @Test
  void shouldShowReadCommittedConsumersCommittedTransactionsOnly() throws Exception {
    String topic = newTopic(1);
    Map<String, Object> transactional =
        Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
    try (KafkaProducer<String, String> producer = producer(transactional)) {
      producer.initTransactions();
      sendInTransaction(producer, topic, "committed-", 0, 5);
      producer.commitTransaction();
      sendInTransaction(producer, topic, "aborted-", 0, 5);
      producer.flush(); // the aborted records reach the log; only the abort marker hides them
      producer.abortTransaction();
      sendInTransaction(producer, topic, "committed-", 5, 10);
      producer.commitTransaction();
    }

    List<String> committed = values(readAll(topic, "read_committed", 10));
    assertThat(committed)
        .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "committed-" + i).toList());

    List<String> everything = values(readAll(topic, "read_uncommitted", 15));
    assertThat(everything).filteredOn(v -> v.startsWith("aborted-")).hasSize(5);
  }

  @Test
  void shouldKeepRecordsAcrossARestartOnTheSameDirectory() throws Exception {
    String topic = newTopic(2);
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "article-" + i, "event-" + i)).get();
      }
    }
    String clusterId = kafka.clusterId();
    long firstPid = kafka.pid();

    kafka.stop();
    assertThat(kafka.isRunning()).isFalse();
    assertThat(LoopbackPorts.isTaken(kafka.settings().port())).as("port released").isFalse();
    kafka.start();

    assertThat(kafka.pid()).isNotEqualTo(firstPid);
    assertThat(kafka.clusterId()).as("not formatted again").isEqualTo(clusterId);
    assertThat(values(readAll(topic, "read_committed", 10)))
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 10).mapToObj(i -> "event-" + i).toList());
  }

  @Test
  void shouldRefuseASecondBrokerOnTheSamePortWithAClearMessage(@TempDir Path otherDirectory) {
    LocalKafka second =
        new LocalKafka(LocalKafkaSettings.in(otherDirectory).withPort(kafka.settings().port()));

    assertThatThrownBy(second::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(kafka.bootstrapServers() + " is in use by another process")
        .message()
        .doesNotContain("\n");
    assertThat(second.isRunning()).isFalse();
    assertThat(kafka.isRunning()).isTrue();
  }

  @Test
  void shouldRefuseASecondBrokerOnTheSameDirectoryAndKeepTheFirstIntact() throws Exception {
    LocalKafka second =
        new LocalKafka(LocalKafkaSettings.in(dataDirectory).withPort(LoopbackPorts.freePort()));

    assertThatThrownBy(second::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is in use by another running broker")
        .message()
        .doesNotContain("\n");
    assertThat(second.isRunning()).isFalse();
    assertThat(newTopic(1)).as("the first broker still creates topics").isNotBlank();
  }

  @Test
  void shouldNameTheCauseAndTheLogFileWhenTheBrokerJvmDies(@TempDir Path otherDirectory) {
    // A heap too small for any JVM: the child dies at once, as on any startup error.
    LocalKafka doomed =
        new LocalKafka(
            LocalKafkaSettings.in(otherDirectory)
                .withPort(LoopbackPorts.freePort())
                .withMaxHeap("1k"));

    assertThatThrownBy(doomed::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not start: its JVM exited with code 1")
        .hasMessageContaining("Error occurred during initialization of VM")
        .hasMessageContaining(doomed.logFile().toString())
        .message()
        .doesNotContain("\n");
    assertThat(doomed.isRunning()).isFalse();
  }

  private static String newTopic(int partitions) throws Exception {
    String topic = "it-" + UUID.randomUUID();
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
    return topic;
  }

  private static void sendInTransaction(
      KafkaProducer<String, String> producer, String topic, String prefix, int from, int to) {
    producer.beginTransaction();
    for (int i = from; i < to; i++) {
      producer.send(new ProducerRecord<>(topic, "article-1", prefix + i));
    }
  }

  /**
   * Reads the topic from the beginning until the consumer reached the end offsets it can see (for
   * read_committed: the last stable offset) and checks that exactly {@code expected} records came.
   */
  private static List<ConsumerRecord<String, String>> readAll(
      String topic, String isolationLevel, int expected) {
    try (KafkaConsumer<String, String> consumer = consumer(isolationLevel)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> received = new ArrayList<>();
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ZERO)
          .untilAsserted(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                Map<TopicPartition, Long> position = new LinkedHashMap<>();
                partitions.forEach(p -> position.put(p, consumer.position(p)));
                assertThat(position).isEqualTo(end);
              });
      assertThat(received).hasSize(expected);
      return received;
    }
  }

  private static List<String> values(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }

  private static String topicConfig(Admin admin, String topic, String name) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    return config.get(name).value();
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
    Map<String, Object> config = new LinkedHashMap<>(extra);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(String isolationLevel) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolationLevel,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
