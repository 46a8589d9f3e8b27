package org.chuanbo.jobs.clickhouse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.SimpleCounter;
import org.chuanbo.jobs.GeneratedDay;
import org.chuanbo.jobs.records.ArticleMinuteDelta;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.MinuteCounts;
import org.chuanbo.jobs.tables.ArticleMinuteTable;
import org.chuanbo.jobs.tables.EventsTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sink's serialisation, per row: the job's {@link ClickHouseSinkWriter} writes each row as a
 * JSONEachRow line through the table's {@link RowMapping} ({@link EventsTable#MAPPING}, {@link
 * ArticleMinuteTable#MAPPING}) and, at the checkpoint, hands the lines over as one {@link
 * InsertBatch}. One invocation is one checkpoint's batch of {@link #ROWS} rows, the hand-over
 * included; sending it to ClickHouse is not.
 *
 * <p>The rows come from a generated day: its accepted events with their article's office (a row of
 * {@code chuanbo.events} each), and its events added up per article, channel and minute with the
 * job's {@link MinuteCounts} (a row of {@code chuanbo.article_minute} each, as a window's first
 * firing emits it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClickHouseSinkWriterBenchmark {

  /**
   * Rows per checkpoint: one second (the default checkpoint interval) of a busy subtask. The cost
   * per row barely depends on it.
   */
  public static final int ROWS = 8192;

  /** The writer ignores the context; the sink's watermark and timestamp are Flink's. */
  private static final SinkWriter.Context CONTEXT =
      new SinkWriter.Context() {
        @Override
        public long currentWatermark() {
          return Long.MIN_VALUE;
        }

        @Override
        public Long timestamp() {
          return null;
        }
      };

  private List<EnrichedEvent> events;
  private List<ArticleMinuteDelta> minutes;
  private ClickHouseSinkWriter<EnrichedEvent> eventsWriter;
  private ClickHouseSinkWriter<ArticleMinuteDelta> minutesWriter;

  @Setup
  public void makeRows() throws Exception {
    EnrichedEvent[] day = GeneratedDay.get().events();
    events = List.of(day).subList(0, ROWS);
    minutes = minuteRows(day);
    eventsWriter = new ClickHouseSinkWriter<>(EventsTable.MAPPING, 0, new SimpleCounter());
    minutesWriter = new ClickHouseSinkWriter<>(ArticleMinuteTable.MAPPING, 0, new SimpleCounter());
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public InsertBatch eventsTable() throws IOException {
    for (EnrichedEvent event : events) {
      eventsWriter.write(event, CONTEXT);
    }
    return only(eventsWriter.prepareCommit());
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public InsertBatch articleMinuteTable() throws IOException {
    for (ArticleMinuteDelta minute : minutes) {
      minutesWriter.write(minute, CONTEXT);
    }
    return only(minutesWriter.prepareCommit());
  }

  /** One checkpoint's batch of {@link #ROWS} {@code chuanbo.events} rows, for the serializer. */
  static InsertBatch eventsBatch() throws Exception {
    ClickHouseSinkWriterBenchmark writer = new ClickHouseSinkWriterBenchmark();
    writer.makeRows();
    return writer.eventsTable();
  }

  private static InsertBatch only(Collection<InsertBatch> batches) {
    if (batches.size() != 1) {
      throw new IllegalStateException("a checkpoint with rows gives one batch, not " + batches);
    }
    return batches.iterator().next();
  }

  /** The first {@link #ROWS} article × channel × minute sums of the day. */
  private static List<ArticleMinuteDelta> minuteRows(EnrichedEvent[] day) {
    Map<List<Object>, MinuteCounts> byMinute = new LinkedHashMap<>();
    for (EnrichedEvent event : day) {
      long minute = event.eventTimeMillis() - Math.floorMod(event.eventTimeMillis(), 60_000L);
      byMinute
          .computeIfAbsent(
              List.of(event.articleId(), event.channel(), minute), key -> new MinuteCounts())
          .add(event);
    }
    List<ArticleMinuteDelta> rows = new ArrayList<>();
    byMinute.forEach(
        (key, counts) ->
            rows.add(
                new ArticleMinuteDelta(
                    (String) key.get(0), (String) key.get(1), (Long) key.get(2), counts)));
    if (rows.size() < ROWS) {
      throw new IllegalStateException("the day has only " + rows.size() + " article minutes");
    }
    return rows.subList(0, ROWS);
  }
}
