package org.chuanbo.schemas.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.chuanbo.schemas.TestRecords.NOW;
import static org.chuanbo.schemas.TestRecords.platformCount;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.ValidationProblem;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;
import org.junit.jupiter.api.Test;

class PlatformCountTest {

  private static final AvroSingleObjectCodec CODEC =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), PlatformCount.AVRO_NAME);

  // --- the wire ------------------------------------------------------------------------------

  @Test
  void shouldRoundTripThroughTheCodec() throws Exception {
    byte[] bytes = CODEC.encode(platformCount().toGenericRecord(CODEC.schema()));

    GenericRecord decoded = CODEC.decode(bytes);

    assertThat(decoded.get("day"))
        .as("the codec converts no logical type")
        .isInstanceOf(Integer.class);
    assertThat(PlatformCount.fromGenericRecord(decoded)).isEqualTo(platformCount());
  }

  @Test
  void shouldStartWithTheDocumentedTenBytes() {
    byte[] bytes = CODEC.encode(platformCount().toGenericRecord(CODEC.schema()));

    assertThat(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(Arrays.copyOf(bytes, 10)))
        .isEqualTo("C3 01 B9 F2 F0 F0 D6 9F 7C A7");
    assertThat(CODEC.currentVersion().fingerprintHex()).isEqualTo("a77c9fd6f0f0f2b9");
  }

  @Test
  void shouldWriteExactlyWhatAvrosOwnSingleObjectEncoderWrites() throws Exception {
    GenericRecord record = platformCount().toGenericRecord(CODEC.schema());
    ByteBuffer avros =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), CODEC.schema()).encode(record);
    byte[] expected = new byte[avros.remaining()];
    avros.get(expected);

    assertThat(CODEC.encode(record)).isEqualTo(expected);
  }

  @Test
  void shouldReadDayAsLocalDateFromAConvertingReader() {
    GenericRecord record = platformCount().toGenericRecord(CODEC.schema());
    record.put("day", LocalDate.of(2026, 6, 30));

    assertThat(PlatformCount.fromGenericRecord(record)).isEqualTo(platformCount());
  }

  @Test
  void shouldReadChannelUnknownToJavaAsUnknown() {
    Schema newer =
        new Schema.Parser()
            .parse(
                CODEC.schema().toString().replace("\"REMOTE_EDU\",", "\"REMOTE_EDU\",\"WEIBO\","));
    GenericRecord record = platformCount().toGenericRecord(newer);
    record.put("channel", new GenericData.EnumSymbol(newer.getField("channel").schema(), "WEIBO"));

    PlatformCount report = PlatformCount.fromGenericRecord(record);

    assertThat(report.channel()).isEqualTo(Channel.UNKNOWN);
    assertThat(report.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(tuple("channel", RejectReason.UNKNOWN_SYMBOL));
  }

  @Test
  void shouldRefuseToBuildWithoutRequiredValues() {
    PlatformCount noId = with(null, "a", Channel.WECHAT, platformCount().day(), NOW, 0);
    PlatformCount noDay = with("r", "a", Channel.WECHAT, null, NOW, 0);

    assertThatThrownBy(() -> noId.toGenericRecord(CODEC.schema()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("report_id");
    assertThatThrownBy(() -> noDay.toGenericRecord(CODEC.schema()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("day");
  }

  @Test
  void shouldRefuseAnotherRecordType() {
    GenericRecord article =
        org.chuanbo.schemas.TestRecords.fullArticle()
            .toGenericRecord(SchemaCatalog.released().current(Article.AVRO_NAME).schema());

    assertThatThrownBy(() -> PlatformCount.fromGenericRecord(article))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldTruncateAsOfToMilliseconds() {
    Instant withNanos = Instant.parse("2026-07-01T00:00:00.123456789Z");

    assertThat(with("r", "a", Channel.WECHAT, platformCount().day(), withNanos, 0).asOf())
        .isEqualTo(Instant.parse("2026-07-01T00:00:00.123Z"));
  }

  // --- validation ----------------------------------------------------------------------------

  @Test
  void shouldAcceptAReportOfYesterdayTakenThisMorning() {
    assertThat(platformCount().validate(NOW)).isEmpty();
  }

  @Test
  void shouldReportEveryMissingValue() {
    PlatformCount empty = new PlatformCount(" ", null, null, null, null, 0, 0, 0, 0);

    assertThat(empty.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(
            tuple("report_id", RejectReason.MISSING_VALUE),
            tuple("article_id", RejectReason.MISSING_VALUE),
            tuple("channel", RejectReason.MISSING_VALUE),
            tuple("day", RejectReason.MISSING_VALUE),
            tuple("as_of", RejectReason.MISSING_VALUE));
  }

  @Test
  void shouldRejectAnUnknownChannel() {
    PlatformCount report = with("r", "a", Channel.UNKNOWN, platformCount().day(), NOW, 0);

    assertThat(report.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(tuple("channel", RejectReason.UNKNOWN_SYMBOL));
  }

  @Test
  void shouldRejectADayBefore2000() {
    LocalDate before = LocalDate.of(1999, 12, 31);
    LocalDate first = LocalDate.of(2000, 1, 1);
    Instant firstBegan = Instant.parse("1999-12-31T16:00:00Z");

    assertThat(with("r", "a", Channel.WECHAT, first, firstBegan, 0).validate(NOW)).isEmpty();
    assertThat(with("r", "a", Channel.WECHAT, before, firstBegan, 0).validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(tuple("day", RejectReason.INVALID_VALUE));
  }

  @Test
  void shouldRejectADayAfterTheShanghaiDateOfADayAhead() {
    // NOW is 2026-07-01 10:00 in Shanghai; a day ahead is 2026-07-02 10:00.
    Instant asOf = NOW.plus(Duration.ofDays(1));
    LocalDate tomorrow = LocalDate.of(2026, 7, 2);

    assertThat(with("r", "a", Channel.WECHAT, tomorrow, asOf, 0).validate(NOW)).isEmpty();
    assertThat(with("r", "a", Channel.WECHAT, tomorrow.plusDays(1), asOf, 0).validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(
            tuple("day", RejectReason.INVALID_VALUE),
            tuple("as_of", RejectReason.INVALID_VALUE)); // taken before that day began
  }

  @Test
  void shouldRejectAsOfMoreThanADayAhead() {
    LocalDate today = LocalDate.of(2026, 7, 1);
    Instant aDayAhead = NOW.plus(Duration.ofDays(1));

    assertThat(with("r", "a", Channel.WECHAT, today, aDayAhead, 0).validate(NOW)).isEmpty();
    assertThat(with("r", "a", Channel.WECHAT, today, aDayAhead.plusMillis(1), 0).validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(tuple("as_of", RejectReason.INVALID_VALUE));
  }

  @Test
  void shouldRejectAReportTakenBeforeItsDayBegan() {
    LocalDate day = LocalDate.of(2026, 6, 30);
    Instant began = Instant.parse("2026-06-29T16:00:00Z"); // 2026-06-30 00:00 in Shanghai

    assertThat(with("r", "a", Channel.WECHAT, day, began, 0).validate(NOW)).isEmpty();
    assertThat(with("r", "a", Channel.WECHAT, day, began.minusMillis(1), 0).validate(NOW))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("as_of");
              assertThat(p.reason()).isEqualTo(RejectReason.INVALID_VALUE);
              assertThat(p.message()).contains("before its day began");
            });
  }

  @Test
  void shouldRejectEveryNegativeCount() {
    PlatformCount r = platformCount();
    PlatformCount negative =
        new PlatformCount(
            r.reportId(), r.articleId(), r.channel(), r.day(), r.asOf(), -1, -2, -3, -4);

    assertThat(negative.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(
            tuple("views", RejectReason.INVALID_VALUE),
            tuple("shares", RejectReason.INVALID_VALUE),
            tuple("likes", RejectReason.INVALID_VALUE),
            tuple("comments", RejectReason.INVALID_VALUE));
    assertThat(with("r", "a", Channel.WECHAT, r.day(), r.asOf(), 0).validate(NOW)).isEmpty();
  }

  @Test
  void shouldRejectCountsNoPlatformReportsSoThatSumsCannotOverflow() {
    PlatformCount r = platformCount();
    PlatformCount huge =
        new PlatformCount(
            r.reportId(),
            r.articleId(),
            r.channel(),
            r.day(),
            r.asOf(),
            Long.MAX_VALUE,
            PlatformCount.MAX_COUNT + 1,
            0,
            0);

    assertThat(huge.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(
            tuple("views", RejectReason.INVALID_VALUE),
            tuple("shares", RejectReason.INVALID_VALUE));
    assertThat(
            with("r", "a", Channel.WECHAT, r.day(), r.asOf(), PlatformCount.MAX_COUNT)
                .validate(NOW))
        .isEmpty();
  }

  private static PlatformCount with(
      String reportId, String articleId, Channel channel, LocalDate day, Instant asOf, long n) {
    return new PlatformCount(reportId, articleId, channel, day, asOf, n, n, n, n);
  }
}
