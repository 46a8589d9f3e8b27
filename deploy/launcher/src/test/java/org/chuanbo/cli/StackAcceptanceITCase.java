package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.chuanbo.cli.stack.StackCredentials;
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
 * late event counts; garbage goes to the dead-letter topic with a reason and into no event table;
 * the repeat and the garbage are counted in {@code chuanbo.ingest_quality_minute}, once each, also
 * across a restart.
 */
class StackAcceptanceITCase {

  @TempDir static Path root;
  private static final ObjectMapper JSON = new ObjectMapper();
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
    clickHouse = credentials().reader(stack.ports().clickHouseUrl()).newClient();
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
    // The records of this test reach Kafka (their record timestamps) in a minute of their own, a
    // day ago, so that its row of chuanbo.ingest_quality_minute counts nothing else.
    Instant arrival = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
    byte[] first = encodedView(article, "v-1", now);
    send(article, first, arrival.plusSeconds(1));
    // at-least-once delivery: the same event again
    send(article, first, arrival.plusSeconds(2));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> views(article) == 1);

    send(
        article,
        encodedView(article, "v-2", now.minus(Duration.ofHours(3))), // three hours late
        arrival.plusSeconds(3));
    byte[] garbage = "this is not avro".getBytes(StandardCharsets.UTF_8);
    RecordMetadata garbageSent = send(article, garbage, arrival.plusSeconds(4));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> views(article) == 2);
    assertThat(scalar("SELECT count() FROM chuanbo.events WHERE article_id = '" + article + "'"))
        .isEqualTo(2);

    // Garbage is a dead letter, never a failure: the job has not restarted.
    assertThat(CliProcess.run(root, "stack", "status").expectSuccess().output())
        .contains("chuanbo-dissemination: RUNNING, restarts 0")
        .doesNotContain("last failure");

    // Found by where it came from: its bytes are blanked, since unreadable bytes could hold an id.
    ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(garbageSent);
    assertThat(dead.value()).isEqualTo("*".repeat(garbage.length).getBytes(StandardCharsets.UTF_8));
    assertThat(dead.headers().lastHeader("chuanbo.blanked.bytes").value())
        .isEqualTo(Integer.toString(garbage.length).getBytes(StandardCharsets.UTF_8));
    assertThat(
            new String(
                dead.headers().lastHeader("chuanbo.reject.reason").value(), StandardCharsets.UTF_8))
        .isEqualTo("BAD_MARKER");
    assertThat(dead.headers().lastHeader("chuanbo.source.topic").value())
        .isEqualTo("chuanbo.events".getBytes());
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                ingestQuality(arrival)
                    .equals(
                        Map.of(
                            "chuanbo.events|rejected|BAD_MARKER", 1L,
                            "chuanbo.events|duplicate|duplicate_event_id", 1L)));

    // The job logs its state changes beside its checkpoints (the state changelog), so that a
    // checkpoint uploads what changed, not every id held.
    try (var logged =
        java.nio.file.Files.walk(root.resolve(".chuanbo/flink/checkpoints/changelog"))) {
      assertThat(logged.filter(java.nio.file.Files::isRegularFile).count()).isPositive();
    }
    // A restart resumes from the job's checkpoint, claimed as a changelog must be: its dedupe
    // state still remembers v-1.
    CliProcess.run(root, "stack", "down").expectSuccess();
    stack = stackUp(portsOf(stack));
    send(article, first, arrival.plusSeconds(5));
    send(article, encodedView(article, "v-3", now), arrival.plusSeconds(6));
    // Same key, same partition, in order: once v-3 is counted, the repeat of v-1 was processed.
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> views(article) == 3);
    assertThat(scalar("SELECT count() FROM chuanbo.events WHERE article_id = '" + article + "'"))
        .isEqualTo(3);
    // The second repeat is counted; the restart counted neither the garbage nor the first repeat
    // again (the figures hold over several checkpoints).
    Map<String, Long> afterRestart =
        Map.of(
            "chuanbo.events|rejected|BAD_MARKER", 1L,
            "chuanbo.events|duplicate|duplicate_event_id", 2L);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> ingestQuality(arrival).equals(afterRestart));
    Awaitility.await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> ingestQuality(arrival).equals(afterRestart));
  }

  /**
   * The endpoint lets no one in: without credentials only {@code /ping} answers; the reader cannot
   * insert, drop or read a host file; and 40 heavy queries whose clients then hang up neither stop
   * the job's inserts nor {@code /ping}, and are cancelled when their clients go.
   */
  @Test
  void shouldLetNoOneInAndKeepIngestingWhileAbandonedQueriesPileUp() throws Exception {
    Path file = StackLayout.in(root).credentials();
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(credentials().passwordsByUser().keySet())
        .anyMatch(user -> user.contains("admin"))
        .anyMatch(user -> user.contains("writer"))
        .anyMatch(user -> user.contains("reader"));
    String url = stack.ports().clickHouseUrl();
    HttpClient http = HttpClient.newHttpClient();
    assertThat(ping(http, url)).isEqualTo("Ok.\n");
    String passwd = "SELECT * FROM file('/etc/passwd', 'LineAsString')";
    for (String sql : List.of("SELECT 1", "DROP TABLE chuanbo.events", passwd)) {
      HttpResponse<String> anonymous = post(http, url, sql, null);
      assertThat(anonymous.statusCode()).as(sql).isEqualTo(403);
      assertThat(anonymous.body()).contains("AUTHENTICATION_FAILED");
    }
    String reader = StackCredentials.READER;
    for (String sql :
        List.of(
            "INSERT INTO chuanbo.di_config (version) VALUES (999)",
            "DROP TABLE chuanbo.events",
            passwd)) {
      HttpResponse<String> refused = post(http, url, sql, reader);
      assertThat(refused.statusCode()).as(sql).isEqualTo(403);
      assertThat(refused.body()).contains("ACCESS_DENIED").doesNotContain("root:");
    }
    assertThat(post(http, url, "EXISTS TABLE chuanbo.events", StackCredentials.ADMIN).body())
        .isEqualTo("1\n");

    List<Socket> abandoned = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        abandoned.add(sendAndKeepOpen(stack.ports().clickHouse(), reader, HEAVY));
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> heavyQueriesRunning(http, url) >= 8);
      assertThat(ping(http, url)).isEqualTo("Ok.\n");
      // The job's inserts have a lane of their own: a new event still arrives.
      String article = "crowded-" + UUID.randomUUID();
      send(article, encodedView(article, "c-1", Instant.now()), Instant.now());
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  post(
                          http,
                          url,
                          "SELECT count() FROM chuanbo.events WHERE article_id = '" + article + "'",
                          StackCredentials.ADMIN)
                      .body()
                      .equals("1\n"));
    } finally {
      for (Socket socket : abandoned) {
        socket.close();
      }
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> heavyQueriesRunning(http, url) == 0);
    assertThat(CliProcess.run(root, "stack", "status").expectSuccess().output())
        .contains("restarts 0");
  }

  /** Runs for minutes unless stopped; the comment is how the test finds it. */
  private static final String HEAVY =
      "SELECT count() FROM numbers(1000000000000) WHERE sipHash64(number) = 42 /* abandoned */";

  private static String ping(HttpClient http, String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url + "/ping")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static long heavyQueriesRunning(HttpClient http, String url) throws Exception {
    String count =
        post(
                http,
                url,
                "SELECT count() FROM system.processes WHERE query LIKE '%abandoned%'"
                    + " AND query NOT LIKE '%system.processes%'",
                StackCredentials.ADMIN)
            .body();
    return Long.parseLong(count.strip());
  }

  /** A POST as {@code user} of the stack's credentials, or anonymous when null. */
  private static HttpResponse<String> post(HttpClient http, String url, String sql, String user)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + "/"))
            .POST(HttpRequest.BodyPublishers.ofString(sql));
    if (user != null) {
      request
          .header("X-ClickHouse-User", user)
          .header("X-ClickHouse-Key", credentials().passwordsByUser().get(user));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request whose client stays connected without reading, until the socket is closed. */
  private static Socket sendAndKeepOpen(int port, String user, String sql) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    byte[] body = sql.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-ClickHouse-User: "
            + user
            + "\r\nX-ClickHouse-Key: "
            + credentials().passwordsByUser().get(user)
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().write(body);
    socket.getOutputStream().flush();
    return socket;
  }

  private static StackCredentials credentials() {
    return StackCredentials.readIfPresent(StackLayout.in(root).credentials()).orElseThrow();
  }

  /** {@code chuanbo.ingest_quality_minute} of one minute: topic|outcome|reason → sum(records). */
  private static Map<String, Long> ingestQuality(Instant minute) {
    Map<String, Long> counts = new TreeMap<>();
    for (List<String> row :
        rows(
            "SELECT topic, outcome, reason, sum(records) FROM chuanbo.ingest_quality_minute"
                + " WHERE minute = toDateTime({m:Int64}) GROUP BY topic, outcome, reason",
            Map.of("m", minute.getEpochSecond()))) {
      counts.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2), Long.parseLong(row.get(3)));
    }
    return counts;
  }

  /**
   * Spread analytics as an editor checks it: a hand-built cascade sent deepest share first, views
   * through each generation, one person on two channels, repeats; and WeChat's reports for the day
   * — 100, revised to 120, then a stale 90 (older as_of) arriving last.
   */
  @Test
  void shouldBuildTheCascadeAndTheSpreadFromScrambledEventsAndRevisedReports() throws Exception {
    String article = "spread-" + UUID.randomUUID();
    java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
    java.time.LocalDate day = java.time.LocalDate.now(shanghai).minusDays(1);
    Instant noon = day.atTime(12, 0).atZone(shanghai).toInstant();
    // root → s1 → s1a → s1a1, root → s1 → s1b, root → s2
    List<byte[]> scrambled =
        List.of(
            encodedEvent(
                article,
                "e-s1a1",
                "SHARE",
                noon.plusSeconds(400),
                "WECHAT",
                "u4",
                null,
                "s1a1",
                "s1a"),
            encodedEvent(
                article,
                "e-v4",
                "VIEW",
                noon.plusSeconds(500),
                "WEBSITE",
                "u6",
                null,
                null,
                "s1a1"),
            encodedEvent(
                article,
                "e-s1a",
                "SHARE",
                noon.plusSeconds(300),
                "WECHAT",
                "u3",
                null,
                "s1a",
                "s1"),
            encodedEvent(
                article, "e-s1b", "SHARE", noon.plusSeconds(310), "APP", "u8", null, "s1b", "s1"),
            encodedEvent(
                article, "e-v3", "VIEW", noon.plusSeconds(350), "WEBSITE", "u5", null, null, "s1a"),
            encodedEvent(
                article, "e-s1", "SHARE", noon.plusSeconds(100), "WECHAT", "u1", null, "s1", null),
            encodedEvent(
                article, "e-s2", "SHARE", noon.plusSeconds(120), "WECHAT", "u2", null, "s2", null),
            encodedEvent(
                article, "e-v1", "VIEW", noon, "WECHAT", "open-id-9", "party-member-7", null, null),
            encodedEvent(
                article,
                "e-v2",
                "VIEW",
                noon.plusSeconds(200),
                "APP",
                "app-user-3",
                "party-member-7",
                null,
                "s1"),
            encodedEvent(
                article, "e-v5", "VIEW", noon.plusSeconds(60), "TV", "box-77", null, null, null));
    for (byte[] record : scrambled) {
      send(article, record);
    }
    send(article, scrambled.get(0)); // repeats, as collectors retry
    send(article, scrambled.get(7));
    long dayStart = day.atStartOfDay(shanghai).toInstant().toEpochMilli();
    sendReport(article, encodedReport("wx-a", article, day, dayStart + 20 * 3_600_000L, 100));
    sendReport(article, encodedReport("wx-b", article, day, dayStart + 22 * 3_600_000L, 120));
    sendReport(article, encodedReport("wx-c", article, day, dayStart + 18 * 3_600_000L, 90));

    Map<String, Object> id = Map.of("a", article);
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () ->
                row(
                        "SELECT views, cascade_shares FROM chuanbo.article_spread WHERE article_id = {a:String}",
                        id)
                    .equals(List.of("124", "5")));
    assertThat(
            rows(
                "SELECT share_id, ifNull(parent_share_id, '-'), generation FROM chuanbo.share_cascade"
                    + " WHERE article_id = {a:String} ORDER BY share_id",
                id))
        .containsExactly(
            List.of("s1", "-", "1"),
            List.of("s1a", "s1", "2"),
            List.of("s1a1", "s1a", "3"),
            List.of("s1b", "s1", "2"),
            List.of("s2", "-", "1"));
    assertThat(
            row(
                "SELECT counted_views, direct_views, via_share_views, reach, max_depth,"
                    + " toString(shares_per_generation), round(structural_virality, 6), channels"
                    + " FROM chuanbo.article_spread WHERE article_id = {a:String}",
                id))
        .containsExactly(
            "5",
            "2",
            "3",
            "4",
            "3",
            "[2,2,1]",
            Double.toString(Math.round(31.0 / 15 * 1e6) / 1e6),
            "4");
    assertThat(
            row(
                "SELECT views, toUnixTimestamp64Milli(as_of), reports FROM chuanbo.platform_counts"
                    + " WHERE article_id = {a:String}",
                id))
        .containsExactly("120", Long.toString(dayStart + 22 * 3_600_000L), "3");
  }

  /**
   * The stack as a neighbour on the network sees it: every socket it and its children listen on is
   * on loopback, the Flink web UI takes no jars, and its log does not grow a warning per
   * checkpoint.
   */
  @Test
  void shouldListenOnLoopbackOnlyTakeNoJarsAndKeepItsLogQuiet() throws Exception {
    StackState current = StackState.readFrom(StackLayout.in(root).stateFile()).orElseThrow();
    String flink = current.ports().flinkUrl();
    HttpClient http = HttpClient.newHttpClient();
    JsonNode jobs = JSON.readTree(get(http, flink + "/jobs").body()).get("jobs");
    String job = jobs.get(0).get("id").asText();
    Awaitility.await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                JSON.readTree(get(http, flink + "/jobs/" + job + "/checkpoints").body())
                        .at("/counts/completed")
                        .asInt()
                    >= 2);

    List<String> listeners = ListeningSockets.of(ProcessHandle.of(current.pid()).orElseThrow());
    assertThat(listeners)
        .as("sockets the stack listens on (/proc hex address:port)")
        .isNotEmpty()
        .allMatch(ListeningSockets::isLoopback);
    assertThat(get(http, flink + "/jars").statusCode())
        .as("the jar list of the web UI")
        .isEqualTo(404);
    assertThat(Files.readString(StackLayout.in(root).log())).doesNotContain("Name collision");
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
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

  /** Sends to {@code chuanbo.events} with {@code reachedKafka} as the Kafka record timestamp. */
  private static RecordMetadata send(String key, byte[] value, Instant reachedKafka)
      throws Exception {
    return producer
        .send(
            new ProducerRecord<>(
                "chuanbo.events",
                null,
                reachedKafka.toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8),
                value))
        .get();
  }

  private static void sendReport(String key, byte[] value) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                "chuanbo.platform_counts", key.getBytes(StandardCharsets.UTF_8), value))
        .get();
  }

  private static List<String> row(String sql, Map<String, Object> parameters) {
    List<List<String>> rows = rows(sql, parameters);
    return rows.isEmpty() ? List.of() : rows.get(0);
  }

  private static List<List<String>> rows(String sql, Map<String, Object> parameters) {
    List<List<String>> rows = new ArrayList<>();
    for (var record : clickHouse.queryAll(sql, parameters)) {
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= record.getSchema().getColumns().size(); i++) {
        values.add(record.getString(i));
      }
      rows.add(values);
    }
    return rows;
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

  private static Schema released(String file) throws IOException {
    try (InputStream in =
        StackAcceptanceITCase.class.getClassLoader().getResourceAsStream("avro/" + file)) {
      return new Schema.Parser().parse(in);
    }
  }

  private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record, bytes);
    return bytes.toByteArray();
  }

  /** Any event, written by the stock Avro library like {@link #encodedView}. */
  private static byte[] encodedEvent(
      String article,
      String eventId,
      String type,
      Instant time,
      String channel,
      String userId,
      String personId,
      String shareId,
      String viaShareId)
      throws IOException {
    Schema schema = released("DisseminationEvent.v1.avsc");
    GenericRecord event = new GenericData.Record(schema);
    event.put("event_id", eventId);
    event.put(
        "event_type", new GenericData.EnumSymbol(schema.getField("event_type").schema(), type));
    event.put("event_time", time.toEpochMilli());
    event.put("article_id", article);
    event.put("channel", new GenericData.EnumSymbol(schema.getField("channel").schema(), channel));
    event.put("user_id", userId);
    event.put("person_id", personId);
    event.put(
        "terminal", new GenericData.EnumSymbol(schema.getField("terminal").schema(), "MOBILE"));
    event.put("share_id", shareId);
    event.put("via_share_id", viaShareId);
    event.put("attributes", Map.of());
    return encode(schema, event);
  }

  /** A WeChat report of an article's views on one day, as of a time. */
  private static byte[] encodedReport(
      String reportId, String article, java.time.LocalDate day, long asOf, long views)
      throws IOException {
    Schema schema = released("PlatformCount.v1.avsc");
    GenericRecord report = new GenericData.Record(schema);
    report.put("report_id", reportId);
    report.put("article_id", article);
    report.put(
        "channel", new GenericData.EnumSymbol(schema.getField("channel").schema(), "WECHAT"));
    report.put("day", (int) day.toEpochDay());
    report.put("as_of", asOf);
    report.put("views", views);
    report.put("shares", 0L);
    report.put("likes", 0L);
    report.put("comments", 0L);
    return encode(schema, report);
  }

  /** The dead letter of a record sent to {@code chuanbo.events}, by its source headers. */
  private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(RecordMetadata sent) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.ports().kafkaAddress());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "acceptance-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> fromSent =
        r ->
            header(r, "chuanbo.source.topic").equals(sent.topic())
                && header(r, "chuanbo.source.partition").equals(Integer.toString(sent.partition()))
                && header(r, "chuanbo.source.offset").equals(Long.toString(sent.offset()));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("chuanbo.events.dlq"));
      List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                return seen.stream().anyMatch(fromSent);
              });
      return seen.stream().filter(fromSent).findFirst().orElseThrow();
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
