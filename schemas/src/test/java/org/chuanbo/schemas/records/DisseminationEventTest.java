package org.chuanbo.schemas.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chuanbo.schemas.TestRecords.NOW;
import static org.chuanbo.schemas.TestRecords.fullEvent;
import static org.chuanbo.schemas.TestRecords.minimalEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.ValidationProblem;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.junit.jupiter.api.Test;

class DisseminationEventTest {

  @Test
  void shouldAcceptFullAndMinimalEvents() {
    assertThat(fullEvent().validate(NOW)).isEmpty();
    assertThat(minimalEvent().validate(NOW)).isEmpty();
  }

  @Test
  void shouldReportMissingOrBlankIds() {
    DisseminationEvent event =
        minimalEvent().toBuilder().eventId(null).articleId(" ").userId("").build();

    assertThat(event.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(
            tuple("event_id", RejectReason.MISSING_VALUE),
            tuple("article_id", RejectReason.MISSING_VALUE),
            tuple("user_id", RejectReason.MISSING_VALUE));
  }

  @Test
  void shouldRejectNegativeDuration() {
    assertThat(minimalEvent().toBuilder().durationMs(-1L).build().validate(NOW))
        .containsExactly(
            new ValidationProblem("duration_ms", RejectReason.INVALID_VALUE, "negative: -1"));
    assertThat(minimalEvent().toBuilder().durationMs(0L).build().validate(NOW)).isEmpty();
    assertThat(minimalEvent().toBuilder().durationMs(86_400_000L).build().validate(NOW)).isEmpty();
    assertThat(minimalEvent().toBuilder().durationMs(Long.MAX_VALUE - 1).build().validate(NOW))
        .containsExactly(
            new ValidationProblem(
                "duration_ms",
                RejectReason.INVALID_VALUE,
                (Long.MAX_VALUE - 1) + " ms is longer than 24 h"));
  }

  @Test
  void shouldRejectEventTimeMoreThanADayAhead() {
    Instant aDayAhead = NOW.plus(Duration.ofDays(1));

    assertThat(minimalEvent().toBuilder().eventTime(aDayAhead).build().validate(NOW)).isEmpty();
    assertThat(minimalEvent().toBuilder().eventTime(aDayAhead.plusMillis(1)).build().validate(NOW))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("event_time");
              assertThat(p.reason()).isEqualTo(RejectReason.INVALID_VALUE);
            });
  }

  @Test
  void shouldRejectEventTimeOfSecondsSentAsMilliseconds() {
    Instant secondsAsMillis = Instant.ofEpochMilli(NOW.getEpochSecond());

    assertThat(minimalEvent().toBuilder().eventTime(secondsAsMillis).build().validate(NOW))
        .extracting(ValidationProblem::reason)
        .containsExactly(RejectReason.INVALID_VALUE);
  }

  @Test
  void shouldRequireShareIdOnShare() {
    DisseminationEvent share = fullEvent().toBuilder().shareId(null).build();

    assertThat(share.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(tuple("share_id", RejectReason.MISSING_VALUE));
  }

  @Test
  void shouldRequireOutletOnRepost() {
    DisseminationEvent repost =
        minimalEvent().toBuilder().eventType(EventType.REPOST).outlet(null).build();

    assertThat(repost.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(tuple("outlet", RejectReason.MISSING_VALUE));
    assertThat(repost.toBuilder().outlet("新华网").build().validate(NOW)).isEmpty();
  }

  @Test
  void shouldRejectShareMadeThroughItself() {
    DisseminationEvent loop = fullEvent().toBuilder().viaShareId("share-7").build();

    assertThat(loop.validate(NOW))
        .extracting(ValidationProblem::field)
        .containsExactly("via_share_id");
  }

  @Test
  void shouldRejectSymbolsFromNewerWritersAsUnknownSymbol() {
    DisseminationEvent event =
        minimalEvent().toBuilder().eventType(EventType.UNKNOWN).channel(Channel.UNKNOWN).build();

    assertThat(event.validate(NOW))
        .extracting(ValidationProblem::reason)
        .containsExactly(RejectReason.UNKNOWN_SYMBOL, RejectReason.UNKNOWN_SYMBOL);
  }

  @Test
  void shouldAcceptOtherTerminal() {
    assertThat(minimalEvent().terminal()).isEqualTo(Terminal.OTHER);
    assertThat(minimalEvent().validate(NOW)).isEmpty();
  }

  @Test
  void shouldTurnProblemsIntoOneReject() {
    List<ValidationProblem> problems =
        minimalEvent().toBuilder().eventId("").durationMs(-5L).build().validate(NOW);

    RejectedRecordException reject = RejectedRecordException.of(problems);

    assertThat(reject.reason()).isEqualTo(RejectReason.MISSING_VALUE);
    assertThat(reject.detail()).isEqualTo("event_id: missing or blank; duration_ms: negative: -5");
  }

  @Test
  void shouldTruncateTimesToMillisecondsAsOnTheWire() {
    Instant withNanos = Instant.parse("2026-06-30T10:00:00.123456789Z");

    assertThat(minimalEvent().toBuilder().eventTime(withNanos).build().eventTime())
        .isEqualTo(Instant.parse("2026-06-30T10:00:00.123Z"));
  }

  @Test
  void shouldKeepAttributesSortedAndUnmodifiable() {
    DisseminationEvent event =
        minimalEvent().toBuilder().attributes(Map.of("b", "2", "a", "1")).build();

    assertThat(event.attributes().keySet()).containsExactly("a", "b");
    assertThat(event.attributes()).isUnmodifiable();
  }

  @Test
  void shouldReadSymbolUnknownToJavaAsUnknown() {
    Schema v2 =
        SchemaCatalog.fromClasspath("avro/", "evolution/compatible/")
            .current(DisseminationEvent.AVRO_NAME)
            .schema();
    GenericRecord record = minimalEvent().toGenericRecord(v2);
    record.put(
        "event_type", new GenericData.EnumSymbol(v2.getField("event_type").schema(), "FAVORITE"));

    assertThat(DisseminationEvent.fromGenericRecord(record).eventType())
        .isEqualTo(EventType.UNKNOWN);
  }

  @Test
  void shouldReadBlankOptionalIdsAsAbsent() {
    Schema schema = SchemaCatalog.released().current(DisseminationEvent.AVRO_NAME).schema();
    GenericRecord record =
        minimalEvent().toBuilder()
            .personId("")
            .shareId(" ")
            .viaShareId("\u3000")
            .region("")
            .build()
            .toGenericRecord(schema);

    DisseminationEvent event = DisseminationEvent.fromGenericRecord(record);

    assertThat(event.personId())
        .as("reach counts channel:user, not one person for all blanks")
        .isNull();
    assertThat(event.shareId()).isNull();
    assertThat(event.viaShareId()).as("a direct view, not one through share ''").isNull();
    assertThat(event.region()).as("free text stays as sent").isEmpty();
    assertThat(event.validate(NOW)).isEmpty();
  }
}
