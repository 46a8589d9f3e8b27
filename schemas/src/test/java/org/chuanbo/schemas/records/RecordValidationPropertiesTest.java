package org.chuanbo.schemas.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.schemas.TestRecords.NOW;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.chuanbo.schemas.ExtremeRecords;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.ValidationProblem;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * Validation over extreme values: it returns problems or nothing, never throws, and what it accepts
 * obeys every rule of schemas/README.md — restated here independently, so a rule that silently
 * stops applying fails a property, not just the example that happened to test it.
 */
class RecordValidationPropertiesTest {

  private static final Instant A_DAY_AHEAD = NOW.plus(DisseminationEvent.MAX_FUTURE_SKEW);
  private static final AvroSingleObjectCodec EVENTS =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);

  @Provide
  Arbitrary<DisseminationEvent> anyEvents() {
    return ExtremeRecords.anyEvents();
  }

  @Provide
  Arbitrary<DisseminationEvent> encodableEvents() {
    return ExtremeRecords.encodableEvents();
  }

  @Provide
  Arbitrary<PlatformCount> platformCounts() {
    return ExtremeRecords.platformCounts();
  }

  @Provide
  Arbitrary<Article> articles() {
    return ExtremeRecords.articles();
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void anEventIsAcceptedOnlyWithinEveryRule(@ForAll("anyEvents") DisseminationEvent e) {
    List<ValidationProblem> problems = e.validate(NOW);
    countOutcome(problems);
    if (!problems.isEmpty()) {
      assertNamed(problems);
      return;
    }
    assertThat(e.eventId()).isNotBlank();
    assertThat(e.articleId()).isNotBlank();
    assertThat(e.userId()).isNotBlank();
    assertThat(e.eventType()).isNotNull().isNotEqualTo(EventType.UNKNOWN);
    assertThat(e.channel()).isNotNull().isNotEqualTo(Channel.UNKNOWN);
    assertThat(e.terminal()).isNotNull();
    assertThat(e.eventTime()).isBetween(DisseminationEvent.EARLIEST_EVENT_TIME, A_DAY_AHEAD);
    if (e.durationMs() != null) {
      assertThat(e.durationMs()).isBetween(0L, DisseminationEvent.MAX_DURATION.toMillis());
    }
    if (e.eventType() == EventType.SHARE) {
      assertThat(e.shareId()).isNotBlank();
    }
    if (e.eventType() == EventType.REPOST) {
      assertThat(e.outlet()).isNotBlank();
    }
    if (e.shareId() != null) {
      assertThat(e.viaShareId()).isNotEqualTo(e.shareId());
    }
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void aPlatformReportIsAcceptedOnlyWithinEveryRule(@ForAll("platformCounts") PlatformCount p) {
    List<ValidationProblem> problems = p.validate(NOW);
    countOutcome(problems);
    if (!problems.isEmpty()) {
      assertNamed(problems);
      return;
    }
    assertThat(p.reportId()).isNotBlank();
    assertThat(p.articleId()).isNotBlank();
    assertThat(p.channel()).isNotNull().isNotEqualTo(Channel.UNKNOWN);
    assertThat(p.day())
        .isBetween(
            PlatformCount.EARLIEST_DAY, LocalDate.ofInstant(A_DAY_AHEAD, PlatformCount.DAY_ZONE));
    assertThat(p.asOf())
        .isBetween(p.day().atStartOfDay(PlatformCount.DAY_ZONE).toInstant(), A_DAY_AHEAD);
    for (long count : new long[] {p.views(), p.shares(), p.likes(), p.comments()}) {
      assertThat(count).isBetween(0L, PlatformCount.MAX_COUNT);
    }
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void anArticleIsAcceptedOnlyWithinEveryRule(@ForAll("articles") Article a) {
    List<ValidationProblem> problems = a.validate(NOW);
    countOutcome(problems);
    if (!problems.isEmpty()) {
      assertNamed(problems);
      return;
    }
    assertThat(a.articleId()).isNotBlank();
    assertThat(a.title()).isNotBlank();
    assertThat(a.editor()).isNotBlank();
    assertThat(Office.fromCode(a.office())).isPresent();
    assertThat(a.publishedAt())
        .isBetween(Article.EARLIEST_TIME, NOW.plus(Article.MAX_SCHEDULE_AHEAD));
    assertThat(a.updatedAt()).isBetween(Article.EARLIEST_TIME, A_DAY_AHEAD);
  }

  /**
   * What validation accepts survives the wire: encoded, decoded and converted back it is the same
   * event (a blank optional id reads as absent) and still accepted.
   */
  @Property(tries = 500)
  void anAcceptedEventSurvivesTheWire(@ForAll("encodableEvents") DisseminationEvent e)
      throws RejectedRecordException {
    Assume.that(e.validate(NOW).isEmpty());
    Assume.that(wellFormed(e));

    DisseminationEvent read =
        DisseminationEvent.fromGenericRecord(
            EVENTS.decode(EVENTS.encode(e.toGenericRecord(EVENTS.schema()))));

    assertThat(read)
        .isEqualTo(
            e.toBuilder()
                .personId(absentIfBlank(e.personId()))
                .shareId(absentIfBlank(e.shareId()))
                .viaShareId(absentIfBlank(e.viaShareId()))
                .build());
    assertThat(read.validate(NOW)).isEmpty();
  }

  private static void countOutcome(List<ValidationProblem> problems) {
    String outcome = problems.isEmpty() ? "accepted" : "rejected";
    Statistics.label("first problem").collect(problems.isEmpty() ? "-" : problems.get(0).field());
    Statistics.label("outcome").collect(outcome);
    Statistics.label("outcome")
        .coverage(
            coverage -> {
              coverage.check("accepted").percentage(p -> p > 5);
              coverage.check("rejected").percentage(p -> p > 5);
            });
  }

  private static void assertNamed(List<ValidationProblem> problems) {
    for (ValidationProblem problem : problems) {
      assertThat(problem.field()).isNotBlank();
      assertThat(problem.reason()).isNotNull();
      assertThat(problem.message()).isNotBlank();
    }
    assertThat(RejectedRecordException.of(problems).reason()).isEqualTo(problems.get(0).reason());
  }

  private static String absentIfBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** No unpaired surrogate: a Java string UTF-8 cannot carry, which no producer can send. */
  private static boolean wellFormed(DisseminationEvent e) {
    StringBuilder all = new StringBuilder();
    for (String s :
        new String[] {
          e.eventId(),
          e.articleId(),
          e.userId(),
          e.personId(),
          e.region(),
          e.shareId(),
          e.viaShareId(),
          e.outlet()
        }) {
      if (s != null) {
        all.append(s);
      }
    }
    e.attributes().forEach((k, v) -> all.append(k).append(v));
    String text = all.toString();
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text);
  }
}
