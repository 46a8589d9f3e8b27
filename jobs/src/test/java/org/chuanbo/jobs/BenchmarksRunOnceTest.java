package org.chuanbo.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.chuanbo.jobs.clickhouse.ClickHouseSinkWriterBenchmark;
import org.chuanbo.jobs.clickhouse.InsertBatch;
import org.chuanbo.jobs.clickhouse.InsertBatchSerializer;
import org.chuanbo.jobs.clickhouse.InsertBatchSerializerBenchmark;
import org.chuanbo.jobs.functions.ArticleMinuteWindowBenchmark;
import org.chuanbo.jobs.functions.DecodeEventsBenchmark;
import org.chuanbo.jobs.functions.DeduplicateEventsBenchmark;
import org.chuanbo.jobs.functions.PseudonymiserBenchmark;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.EnrichedEventSerializerBenchmark;
import org.chuanbo.jobs.records.MinuteCounts;
import org.chuanbo.jobs.records.RejectedRecord;
import org.junit.jupiter.api.Test;

/**
 * Every JMH benchmark of this module, set up and called once as JMH would, checked for a sane
 * result, so that a change that breaks one fails the build instead of the next benchmark run. No
 * timing here: the benchmarks run only with {@code -Dbench=jobs} (README, "Microbenchmarks (JMH)").
 */
class BenchmarksRunOnceTest {

  @Test
  void shouldDecodeARecordOfTheGeneratedDay() throws Exception {
    DecodeEventsBenchmark benchmark = new DecodeEventsBenchmark();
    benchmark.open();
    try {
      Object output = benchmark.decodeValidatePseudonymise();
      assertThat(output).isInstanceOfAny(EnrichedEvent.class, RejectedRecord.class);
      if (output instanceof EnrichedEvent event) {
        assertThat(event.userId()).as("pseudonymised").hasSize(32);
      }
    } finally {
      benchmark.close();
    }
  }

  @Test
  void shouldGiveBackTheEventBothSerializersWrote() throws Exception {
    EnrichedEventSerializerBenchmark benchmark = new EnrichedEventSerializerBenchmark();
    benchmark.readEvents();
    EnrichedEvent first = GeneratedDay.get().events()[0];
    assertThat(benchmark.ownRoundTrip()).isEqualTo(first);
    EnrichedEvent second = GeneratedDay.get().events()[1];
    assertThat(benchmark.pojoRoundTrip()).isEqualTo(second);
  }

  @Test
  void shouldPseudonymiseAUserId() throws Exception {
    PseudonymiserBenchmark benchmark = new PseudonymiserBenchmark();
    benchmark.readUserIds();
    assertThat(benchmark.pseudonym()).matches("[0-9a-f]{32}");
  }

  @Test
  void shouldPassEachEventIdOnceInABatch() throws Exception {
    DeduplicateEventsBenchmark benchmark = new DeduplicateEventsBenchmark();
    benchmark.readEvents();
    benchmark.openWithEmptyState();
    try {
      DeduplicateEventsBenchmark.Counts counts = benchmark.deduplicateBatch();
      Set<String> ids = new HashSet<>();
      for (EnrichedEvent event : GeneratedDay.get().events()) {
        ids.add(event.eventId());
      }
      assertThat(counts.passed).isEqualTo(ids.size());
      assertThat(counts.repeats)
          .as("the generated day repeats some events")
          .isPositive()
          .isEqualTo(GeneratedDay.RECORDS - ids.size());
    } finally {
      benchmark.close();
    }
  }

  @Test
  void shouldCountAnEventAndAccumulateABatchInWindowState() throws Exception {
    ArticleMinuteWindowBenchmark benchmark = new ArticleMinuteWindowBenchmark();
    benchmark.readEvents();
    MinuteCounts counts = benchmark.countingAggregatorAdd();
    assertThat(counts.views + counts.shares + counts.reposts + counts.likes + counts.comments)
        .isEqualTo(1);

    ArticleMinuteWindowBenchmark.WindowOperator window =
        new ArticleMinuteWindowBenchmark.WindowOperator();
    window.openWithEmptyState();
    try {
      var harness = benchmark.windowOperatorAccumulate(window);
      assertThat(harness.numKeyedStateEntries()).isPositive();
      assertThat(harness.extractOutputValues()).as("nothing fires while time stands").isEmpty();
    } finally {
      window.close();
    }
  }

  @Test
  void shouldWriteACheckpointsRowsAsOneBatchPerTable() throws Exception {
    ClickHouseSinkWriterBenchmark benchmark = new ClickHouseSinkWriterBenchmark();
    benchmark.makeRows();

    InsertBatch events = benchmark.eventsTable();
    assertThat(events.table()).isEqualTo("chuanbo.events");
    assertThat(events.rows()).isEqualTo(ClickHouseSinkWriterBenchmark.ROWS);
    assertThat(lines(events)).isEqualTo(ClickHouseSinkWriterBenchmark.ROWS);

    InsertBatch minutes = benchmark.articleMinuteTable();
    assertThat(minutes.table()).isEqualTo("chuanbo.article_minute");
    assertThat(minutes.rows()).isEqualTo(ClickHouseSinkWriterBenchmark.ROWS);
    assertThat(lines(minutes)).isEqualTo(ClickHouseSinkWriterBenchmark.ROWS);
  }

  @Test
  void shouldSerializeABatchThatReadsBack() throws Exception {
    InsertBatchSerializerBenchmark benchmark = new InsertBatchSerializerBenchmark();
    benchmark.writeBatch();
    byte[] serialized = benchmark.serialize();

    InsertBatchSerializer serializer = new InsertBatchSerializer();
    InsertBatch read = serializer.deserialize(serializer.getVersion(), serialized);
    assertThat(read.rows()).isEqualTo(ClickHouseSinkWriterBenchmark.ROWS);
    assertThat(read.payload()).hasSizeGreaterThan(ClickHouseSinkWriterBenchmark.ROWS * 100);
  }

  private static long lines(InsertBatch batch) {
    String payload = new String(batch.payload(), StandardCharsets.UTF_8);
    return Arrays.stream(payload.split("\n")).filter(line -> line.startsWith("{")).count();
  }
}
