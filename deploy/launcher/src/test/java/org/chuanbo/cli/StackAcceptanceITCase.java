package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.chuanbo.cli.stack.StackLayout;
import org.chuanbo.cli.stack.StackState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance, as an outside producer sees the stack: Avro records written with the
 * plain Avro library (the documented single-object encoding, not our codec) into {@code
 * chuanbo.events} appear in {@code chuanbo.article_minute} within 10 s; a repeat counts once; a
 * late event counts; garbage goes to the dead-letter topic with a reason and nowhere else.
 */
class StackAcceptanceITCase {

  @TempDir static Path root;
  private static StackState stack;
  private static KafkaProducer<byte[], byte[]> producer;
  private static Client clickHouse;

  @BeforeAll
  static void startStack() throws Exception {
    stack = stackUp(CliProcess.freeStackPorts());
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.ports().kafkaAddress());
    producer =
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    clickHouse = stack.ports().clickHouseEndpoint().newClient();
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (producer != null) {
      producer.close();
    }
    if (clickHouse != null) {
      clickHouse.close();
    }
    CliProcess.run(root, "stack", "down").expectSuccess();
  }

  @Test
  void shouldCountProducedEventsExactlyAndRouteGarbageToTheDeadLetterTopic() throws Exception {
    String article = "acceptance-" + UUID.randomUUID();
    Instant now = Instant.now();
    byte[] first = encodedView(article, "v-1", now);
    send(article, first);
    send(article, first); // at-least-once delivery: the same event again
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> views(article) == 1);

    send(article, encodedView(article, "v-2", now.minus(Duration.ofHours(3)))); // three hours late
    byte[] garbage = "this is not avro".getBytes(StandardCharsets.UTF_8);
    send(article, garbage);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> views(article) == 2);
    assertThat(scalar("SELECT count() FROM chuanbo.events WHERE article_id = '" + article + "'"))
        .isEqualTo(2);

    ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(garbage);
    assertThat(
            new String(
                dead.headers().lastHeader("chuanbo.reject.reason").value(), StandardCharsets.UTF_8))
        .isEqualTo("BAD_MARKER");
    assertThat(dead.headers().lastHeader("chuanbo.source.topic").value())
        .isEqualTo("chuanbo.events".getBytes());

    // A restart resumes from the job's checkpoint: its dedupe state still remembers v-1.
    CliProcess.run(root, "stack", "down").expectSuccess();
    stack = stackUp(portsOf(stack));
    send(article, first);
    send(article, encodedView(article, "v-3", now));
    // Same key, same partition, in order: once v-3 is counted, the repeat of v-1 was processed.
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> views(article) == 3);
    assertThat(scalar("SELECT count() FROM chuanbo.events WHERE article_id = '" + article + "'"))
        .isEqualTo(3);
  }

  private static StackState stackUp(List<String> ports) throws Exception {
    CliProcess.run(root, List.of("stack", "up"), ports).expectSuccess();
    return StackState.readFrom(StackLayout.in(root).stateFile()).orElseThrow();
  }

  private static List<String> portsOf(StackState state) {
    return List.of(
        "--kafka-port", Integer.toString(state.ports().kafka()),
        "--clickhouse-port", Integer.toString(state.ports().clickHouse()),
        "--flink-port", Integer.toString(state.ports().flink()));
  }

  private static void send(String key, byte[] value) throws Exception {
    producer
        .send(new ProducerRecord<>("chuanbo.events", key.getBytes(StandardCharsets.UTF_8), value))
        .get();
  }

  private static long views(String article) {
    return scalar(
        "SELECT sum(views) FROM chuanbo.article_minute WHERE article_id = '" + article + "'");
  }

  private static long scalar(String sql) {
    return Long.parseLong(clickHouse.queryAll(sql).get(0).getString(1));
  }

  /** A VIEW written by the stock Avro library: single-object encoding of the released v1 schema. */
  private static byte[] encodedView(String article, String eventId, Instant time)
      throws IOException {
    Schema schema;
    try (InputStream in =
        StackAcceptanceITCase.class
            .getClassLoader()
            .getResourceAsStream("avro/DisseminationEvent.v1.avsc")) {
      schema = new Schema.Parser().parse(in);
    }
    GenericRecord event = new GenericData.Record(schema);
    event.put("event_id", eventId);
    event.put(
        "event_type", new GenericData.EnumSymbol(schema.getField("event_type").schema(), "VIEW"));
    event.put("event_time", time.toEpochMilli());
    event.put("article_id", article);
    event.put("channel", new GenericData.EnumSymbol(schema.getField("channel").schema(), "WECHAT"));
    event.put("user_id", "reader-1");
    event.put(
        "terminal", new GenericData.EnumSymbol(schema.getField("terminal").schema(), "MOBILE"));
    event.put("attributes", Map.of());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(event, bytes);
    return bytes.toByteArray();
  }

  private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(byte[] value) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.ports().kafkaAddress());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "acceptance-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("chuanbo.events.dlq"));
      List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                return seen.stream().anyMatch(r -> java.util.Arrays.equals(r.value(), value));
              });
      return seen.stream()
          .filter(r -> java.util.Arrays.equals(r.value(), value))
          .findFirst()
          .orElseThrow();
    }
  }
}
