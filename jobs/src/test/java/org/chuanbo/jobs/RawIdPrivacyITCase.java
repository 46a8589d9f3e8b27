package org.chuanbo.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.query.GenericRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.RawIdSearch;
import org.chuanbo.generator.RecordKind;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.jobs.kafka.DeadLetterSerializer;
import org.chuanbo.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 9, "Privacy": user_id and person_id never appear raw in tables, logs or the dead-letter
 * topic. The real job runs a generated day, broken records included, from a real Kafka broker into
 * the local ClickHouse; then every text column of every table of {@code chuanbo}, every dead letter
 * (key, value, header names and values) and the log of the run (this JVM's output, where the tests'
 * slf4j-simple writes, and the broker's log) are searched for every raw id the generator sent
 * (RawIdSearch: the start of each id, so a piece left by a cut counts too).
 */
class RawIdPrivacyITCase {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  @TempDir Path temp;

  @Test
  void shouldLeaveNoRawIdInAnyTableDeadLetterOrLogOfARun() throws Exception {
    List<OutgoingRecord> stream = StreamGenerator.generate(PipelineTestBed.settings(13));
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(stream);
    RawIdSearch rawIds = RawIdSearch.of(expected.personalIds());
    assertThat(
            stream.stream()
                .filter(r -> r.kind() == RecordKind.MALFORMED && r.topic().equals(Topics.EVENTS))
                .filter(r -> !rawIds.in(r.value()).isEmpty())
                .count())
        .as("broken records that carry raw ids: the dead letters would, unredacted")
        .isPositive();

    Map<String, SortedSet<String>> found = new TreeMap<>();
    String canary = "raw-id privacy test " + UUID.randomUUID();
    Path kafkaLog;
    byte[] output;
    int redacted;
    try (CapturedOutput log = CapturedOutput.start()) {
      LoggerFactory.getLogger(RawIdPrivacyITCase.class).info(canary);
      try (PipelineTestBed bed = PipelineTestBed.start(temp)) {
        kafkaLog = bed.kafkaLog();
        bed.publish(stream);
        JobClient job = bed.startJob();
        try {
          bed.awaitCaughtUp(expected);
        } finally {
          job.cancel().get();
        }
        searchTables(bed, rawIds, found);
        List<ConsumerRecord<byte[], byte[]>> deadLetters =
            bed.deadLetters(ExactTables.expectedDeadLetters(expected));
        assertThat(deadLetters).hasSize((int) ExactTables.expectedDeadLetters(expected));
        redacted = searchDeadLetters(deadLetters, rawIds, found);
      }
      output = log.bytes();
    }
    assertThat(new String(output, StandardCharsets.UTF_8))
        .as("the log of the run is captured")
        .contains(canary);
    note(found, "the output of this JVM", rawIds.in(output));
    note(found, "the broker's log " + kafkaLog, rawIds.in(Files.readAllBytes(kafkaLog)));

    assertThat(found).as("where raw ids were found, and which").isEmpty();
    assertThat(redacted).as("dead letters whose ids were replaced or blanked").isPositive();
  }

  /** Every text column of every table and view of {@code chuanbo}. */
  private static void searchTables(
      PipelineTestBed bed, RawIdSearch rawIds, Map<String, SortedSet<String>> found) {
    List<GenericRecord> columns =
        bed.client().queryAll(sql("text_columns"), Map.of("database", "chuanbo"));
    assertThat(columns)
        .extracting(row -> row.getString(1) + "." + row.getString(2))
        .as("the tables' text columns, ids included")
        .contains("events.user_id", "events.person_id", "events.reach_key");
    for (GenericRecord column : columns) {
      String table = column.getString(1);
      String name = column.getString(2);
      for (GenericRecord value :
          bed.client()
              .queryAll(
                  sql("column_text"),
                  Map.of("database", "chuanbo", "table", table, "column", name))) {
        note(found, "chuanbo." + table + "." + name, rawIds.in(value.getString(1)));
      }
    }
  }

  /** Returns how many dead letters say they were redacted. */
  private static int searchDeadLetters(
      List<ConsumerRecord<byte[], byte[]>> deadLetters,
      RawIdSearch rawIds,
      Map<String, SortedSet<String>> found) {
    int redacted = 0;
    for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
      String where = "dead letter from " + header(record, DeadLetterSerializer.SOURCE_TOPIC);
      note(found, where + " key", rawIds.in(record.key()));
      note(found, where + " value", rawIds.in(record.value()));
      for (Header header : record.headers()) {
        note(found, where + " header " + header.key(), rawIds.in(header.value()));
        note(found, where + " header name", rawIds.in(header.key()));
      }
      if (header(record, DeadLetterSerializer.ORIGINAL_HMAC) != null) {
        redacted++;
      }
    }
    return redacted;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void note(
      Map<String, SortedSet<String>> found, String where, SortedSet<String> ids) {
    if (!ids.isEmpty()) {
      found.computeIfAbsent(where, w -> new java.util.TreeSet<>()).addAll(ids);
    }
  }

  private static String sql(String name) {
    try (InputStream in =
        RawIdPrivacyITCase.class.getClassLoader().getResourceAsStream("privacy/" + name + ".sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
