package org.chuanbo.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.jobs.AcceptedRecords.CLOCK;
import static org.chuanbo.jobs.AcceptedRecords.NOW;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.chuanbo.jobs.AcceptedRecords;
import org.chuanbo.jobs.functions.CountingAggregator;
import org.chuanbo.jobs.functions.DecodeArticles;
import org.chuanbo.jobs.functions.DecodeEvents;
import org.chuanbo.jobs.functions.DecodePlatformCounts;
import org.chuanbo.jobs.functions.LateEventCorrection;
import org.chuanbo.jobs.functions.Pseudonymiser;
import org.chuanbo.jobs.functions.TrackArticleSpread;
import org.chuanbo.jobs.records.ArticleMinuteDelta;
import org.chuanbo.jobs.records.ArticleSpread;
import org.chuanbo.jobs.records.ArticleVersion;
import org.chuanbo.jobs.records.CascadeShare;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.MinuteCounts;
import org.chuanbo.jobs.records.PlatformReport;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.spread.DisseminationIndex;
import org.chuanbo.jobs.spread.SpreadSettings;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.PlatformCount;

/**
 * Whatever validation accepts, the rows the job makes of it fit the ClickHouse types of the tables
 * it writes ({@link ClickHouseValueCheck}): a time no DateTime64 holds or a negative UInt64 fails
 * the insert, and the sink would retry the same batch after every restart, stopping the job. The
 * records go through the job's own operators (decode, aggregate, spread), not hand-made rows.
 */
class RowMappingPropertiesTest {

  private OneInputStreamOperatorTestHarness<RawRecord, EnrichedEvent> decodeEvents;
  private OneInputStreamOperatorTestHarness<RawRecord, PlatformReport> decodeReports;
  private OneInputStreamOperatorTestHarness<RawRecord, ArticleVersion> decodeArticles;
  private KeyedTwoInputStreamOperatorTestHarness<
          String, EnrichedEvent, PlatformReport, ArticleSpread>
      spread;
  private final AtomicLong offsets = new AtomicLong();

  @BeforeProperty
  void openOperators() throws Exception {
    decodeEvents = harness(new DecodeEvents(new Pseudonymiser("row-mapping-property-key"), CLOCK));
    decodeReports = harness(new DecodePlatformCounts(CLOCK));
    decodeArticles = harness(new DecodeArticles(CLOCK));
    spread =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(
                new TrackArticleSpread(SpreadSettings.defaults(), DisseminationIndex.current())),
            EnrichedEvent::articleId,
            PlatformReport::articleId,
            Types.STRING);
    spread.open();
  }

  @AfterProperty
  void closeOperators() throws Exception {
    decodeEvents.close();
    decodeReports.close();
    decodeArticles.close();
    spread.close();
  }

  @Provide
  Arbitrary<DisseminationEvent> events() {
    return AcceptedRecords.events();
  }

  @Provide
  Arbitrary<PlatformCount> reports() {
    return AcceptedRecords.platformCounts();
  }

  @Provide
  Arbitrary<Article> articles() {
    return AcceptedRecords.articles();
  }

  @Provide
  Arbitrary<List<DisseminationEvent>> someEvents() {
    return AcceptedRecords.events().list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<PlatformCount>> someReports() {
    return AcceptedRecords.platformCounts().list().ofMaxSize(12);
  }

  @Property(tries = 300)
  void anAcceptedEventMakesAnEventsRowAndMinuteRowsThatFit(
      @ForAll("events") DisseminationEvent event) throws Exception {
    EnrichedEvent decoded = decode(decodeEvents, AcceptedRecords.encode(event)).withOffice("hz");

    List<String> problems =
        new ArrayList<>(ClickHouseValueCheck.problems(EventsTable.MAPPING, decoded));
    MinuteCounts counts = new CountingAggregator().add(decoded, new MinuteCounts());
    long minute = Math.floorDiv(decoded.eventTimeMillis(), 60_000L) * 60_000L;
    problems.addAll(
        ClickHouseValueCheck.problems(
            ArticleMinuteTable.MAPPING,
            new ArticleMinuteDelta(decoded.articleId(), decoded.channel(), minute, counts)));
    problems.addAll(
        ClickHouseValueCheck.problems(
            ArticleMinuteTable.MAPPING, new LateEventCorrection().map(decoded)));

    assertThat(problems).isEmpty();
  }

  @Property(tries = 300)
  void anAcceptedPlatformReportMakesARowThatFits(@ForAll("reports") PlatformCount report)
      throws Exception {
    PlatformReport decoded = decode(decodeReports, AcceptedRecords.encode(report));

    assertThat(ClickHouseValueCheck.problems(PlatformCountReportsTable.MAPPING, decoded)).isEmpty();
  }

  @Property(tries = 300)
  void anAcceptedArticleMakesARowThatFits(@ForAll("articles") Article article) throws Exception {
    ArticleVersion decoded = decode(decodeArticles, AcceptedRecords.encode(article));

    assertThat(ClickHouseValueCheck.problems(ArticleVersionsTable.MAPPING, decoded)).isEmpty();
  }

  /**
   * An article's spread sums its reports over channels and days and its events: with every count
   * and time at the limit validation allows, the revision and its cascade rows still fit.
   */
  @Property(tries = 100)
  void anArticlesSpreadFromAcceptedInputFits(
      @ForAll("someEvents") List<DisseminationEvent> events,
      @ForAll("someReports") List<PlatformCount> reports)
      throws Exception {
    String article = "spread-" + offsets.incrementAndGet();
    for (DisseminationEvent event : events) {
      EnrichedEvent decoded =
          decode(
              decodeEvents, AcceptedRecords.encode(event.toBuilder().articleId(article).build()));
      spread.processElement1(new StreamRecord<>(decoded.withOffice("zp")));
    }
    for (PlatformCount report : reports) {
      PlatformReport decoded =
          decode(
              decodeReports,
              AcceptedRecords.encode(
                  new PlatformCount(
                      report.reportId(),
                      article,
                      report.channel(),
                      report.day(),
                      report.asOf(),
                      report.views(),
                      report.shares(),
                      report.likes(),
                      report.comments())));
      spread.processElement2(new StreamRecord<>(decoded));
    }
    spread.setProcessingTime(
        spread.getProcessingTime() + SpreadSettings.defaults().emitInterval().toMillis() + 1);

    List<String> problems = new ArrayList<>();
    for (ArticleSpread revision : spread.extractOutputValues()) {
      problems.addAll(ClickHouseValueCheck.problems(ArticleSpreadTable.MAPPING, revision));
    }
    var cascade = spread.getSideOutput(TrackArticleSpread.CASCADE);
    if (cascade != null) {
      for (StreamRecord<CascadeShare> share : cascade) {
        problems.addAll(ClickHouseValueCheck.problems(ShareCascadeTable.MAPPING, share.getValue()));
      }
      cascade.clear();
    }
    spread.getOutput().clear();

    assertThat(problems).isEmpty();
  }

  private static <T> OneInputStreamOperatorTestHarness<RawRecord, T> harness(
      ProcessFunction<RawRecord, T> function) throws Exception {
    OneInputStreamOperatorTestHarness<RawRecord, T> harness =
        new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(function));
    harness.open();
    return harness;
  }

  /** The one record the decoding operator let through for {@code value} (it must pass). */
  private <T> T decode(OneInputStreamOperatorTestHarness<RawRecord, T> harness, byte[] value)
      throws Exception {
    harness.processElement(
        new StreamRecord<>(
            new RawRecord(
                "t",
                0,
                offsets.incrementAndGet(),
                NOW.toEpochMilli(),
                "k".getBytes(StandardCharsets.UTF_8),
                value)));
    List<T> out = harness.extractOutputValues();
    assertThat(out).as("the accepted record passed decoding").hasSize(1);
    harness.getOutput().clear();
    return out.get(0);
  }
}
