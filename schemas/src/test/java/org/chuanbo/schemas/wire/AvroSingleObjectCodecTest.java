package org.chuanbo.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chuanbo.schemas.TestRecords.NOW;
import static org.chuanbo.schemas.TestRecords.fullArticle;
import static org.chuanbo.schemas.TestRecords.fullEvent;
import static org.chuanbo.schemas.TestRecords.minimalArticle;
import static org.chuanbo.schemas.TestRecords.minimalEvent;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.junit.jupiter.api.Test;

class AvroSingleObjectCodecTest {

  private static final SchemaCatalog RELEASED = SchemaCatalog.released();

  /** Released versions plus a hypothetical v2 (optional referrer, EventType FAVORITE). */
  private static final SchemaCatalog WITH_V2 =
      SchemaCatalog.fromClasspath("avro/", "evolution/compatible/");

  private final AvroSingleObjectCodec events =
      AvroSingleObjectCodec.forRecord(RELEASED, DisseminationEvent.AVRO_NAME);
  private final AvroSingleObjectCodec articles =
      AvroSingleObjectCodec.forRecord(RELEASED, Article.AVRO_NAME);

  // --- round trips ---------------------------------------------------------------------------

  @Test
  void shouldRoundTripEventWithEveryOptionalFieldSet() throws Exception {
    assertThat(roundTrip(fullEvent())).isEqualTo(fullEvent());
  }

  @Test
  void shouldRoundTripEventWithNoOptionalFieldSet() throws Exception {
    DisseminationEvent decoded = roundTrip(minimalEvent());

    assertThat(decoded).isEqualTo(minimalEvent());
    assertThat(decoded.personId()).isNull();
    assertThat(decoded.durationMs()).isNull();
    assertThat(decoded.attributes()).isEmpty();
  }

  @Test
  void shouldRoundTripArticleWithAndWithoutSeries() throws Exception {
    for (Article article : new Article[] {fullArticle(), minimalArticle()}) {
      byte[] bytes = articles.encode(article.toGenericRecord(articles.schema()));

      assertThat(Article.fromGenericRecord(articles.decode(bytes))).isEqualTo(article);
    }
  }

  @Test
  void shouldKeepChineseTextIntact() throws Exception {
    DisseminationEvent decoded = roundTrip(fullEvent());
    Article article =
        Article.fromGenericRecord(
            articles.decode(articles.encode(fullArticle().toGenericRecord(articles.schema()))));

    assertThat(decoded.region()).isEqualTo("广西壮族自治区贺州市八步区");
    assertThat(decoded.outlet()).isEqualTo("今日头条");
    assertThat(decoded.attributes()).containsEntry("collector", "贺州先锋-统计");
    assertThat(article.title()).isEqualTo("党旗如画｜瑶乡新村里的“红色管家”");
  }

  @Test
  void shouldDecodeStringsAsJavaStrings() throws Exception {
    GenericRecord decoded = events.decode(encode(fullEvent()));

    assertThat(decoded.get("event_id")).isInstanceOf(String.class);
    assertThat(decoded).isEqualTo(fullEvent().toGenericRecord(events.schema()));
  }

  // --- the wire format -----------------------------------------------------------------------

  @Test
  void shouldStartWithMarkerAndLittleEndianFingerprint() {
    byte[] bytes = encode(minimalEvent());

    assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(events.currentVersion().fingerprint());
  }

  @Test
  void shouldWriteExactlyWhatAvrosOwnSingleObjectEncoderWrites() throws Exception {
    GenericRecord record = fullEvent().toGenericRecord(events.schema());
    ByteBuffer avros =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), events.schema()).encode(record);
    byte[] expected = new byte[avros.remaining()];
    avros.get(expected);

    assertThat(events.encode(record)).isEqualTo(expected);
    assertThat(
            new BinaryMessageDecoder<GenericRecord>(GenericData.get(), events.schema())
                .decode(events.encode(record)))
        .isEqualTo(record);
  }

  @Test
  void shouldRefuseToEncodeRecordOfAnotherSchema() {
    GenericRecord article = fullArticle().toGenericRecord(articles.schema());

    assertThatThrownBy(() -> events.encode(article))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the version this codec writes");
  }

  @Test
  void shouldRefuseToBuildEventWithoutRequiredValue() {
    DisseminationEvent noId = minimalEvent().toBuilder().eventId(null).build();

    assertThatThrownBy(() -> noId.toGenericRecord(events.schema()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event_id");
  }

  // --- schema evolution ----------------------------------------------------------------------

  @Test
  void shouldReadV1BytesWithV2AsCurrentReader() throws Exception {
    byte[] v1Bytes = encode(fullEvent());
    AvroSingleObjectCodec v2Reader =
        AvroSingleObjectCodec.forRecord(WITH_V2, DisseminationEvent.AVRO_NAME);

    GenericRecord decoded = v2Reader.decode(v1Bytes);

    assertThat(v2Reader.currentVersion().version()).isEqualTo(2);
    assertThat(decoded.getSchema()).isEqualTo(v2Reader.schema());
    assertThat(decoded.get("referrer")).isNull();
    assertThat(DisseminationEvent.fromGenericRecord(decoded)).isEqualTo(fullEvent());
  }

  @Test
  void shouldReadNewerSymbolAsUnknownWithV1AsReader() throws Exception {
    AvroSingleObjectCodec v2Writer =
        AvroSingleObjectCodec.forRecord(WITH_V2, DisseminationEvent.AVRO_NAME);
    GenericRecord favorite = minimalEvent().toGenericRecord(v2Writer.schema());
    favorite.put(
        "event_type",
        new GenericData.EnumSymbol(v2Writer.schema().getField("event_type").schema(), "FAVORITE"));
    favorite.put("referrer", "https://www.example.org/党建");
    byte[] v2Bytes = v2Writer.encode(favorite);

    // The old job does not know v2's fingerprint: it rejects instead of guessing ...
    assertThatThrownBy(() -> events.decode(v2Bytes))
        .isInstanceOfSatisfying(
            RejectedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA));

    // ... while code still written against v1, with v2 in its catalog, reads FAVORITE as UNKNOWN.
    AvroSingleObjectCodec v1Reader =
        AvroSingleObjectCodec.forVersion(WITH_V2, DisseminationEvent.AVRO_NAME, 1);
    GenericRecord asV1 = v1Reader.decode(v2Bytes);
    assertThat(asV1.getSchema().getField("referrer")).isNull();
    DisseminationEvent event = DisseminationEvent.fromGenericRecord(asV1);
    assertThat(event.eventType()).isEqualTo(EventType.UNKNOWN);
    assertThat(event.validate(NOW))
        .extracting(p -> p.reason())
        .containsExactly(RejectReason.UNKNOWN_SYMBOL);
  }

  @Test
  void shouldRefuseToStartWithAVersionItCannotRead() {
    SchemaCatalog incompatible = SchemaCatalog.fromClasspath("avro/", "evolution/incompatible/");

    assertThatThrownBy(
            () -> AvroSingleObjectCodec.forRecord(incompatible, DisseminationEvent.AVRO_NAME))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("v2 cannot read data written by v1")
        .hasMessageContaining("campaign_id");
  }

  // --- rejects, one per reason ---------------------------------------------------------------

  @Test
  void shouldRejectTooShort() {
    assertRejected(
        () -> events.decode(new byte[] {(byte) 0xC3, 0x01, 1, 2}), RejectReason.TOO_SHORT);
    assertRejected(() -> events.decode(new byte[0]), RejectReason.TOO_SHORT);
    assertRejected(() -> events.decode(null), RejectReason.TOO_SHORT);
  }

  @Test
  void shouldRejectBadMarker() {
    byte[] bytes = encode(minimalEvent());
    bytes[1] = 0x02; // a future single-object format version

    assertRejected(() -> events.decode(bytes), RejectReason.BAD_MARKER);
  }

  @Test
  void shouldRejectUnknownFingerprint() {
    byte[] bytes = encode(minimalEvent());
    bytes[2] ^= 0x01;

    RejectedRecordException e =
        assertRejected(() -> events.decode(bytes), RejectReason.UNKNOWN_SCHEMA);
    assertThat(e.getMessage()).contains("fingerprint");
  }

  @Test
  void shouldRejectArticleOnTheEventTopic() {
    byte[] article = articles.encode(fullArticle().toGenericRecord(articles.schema()));

    RejectedRecordException e =
        assertRejected(() -> events.decode(article), RejectReason.WRONG_RECORD);
    assertThat(e.getMessage()).contains("org.chuanbo.avro.Article v1");
  }

  @Test
  void shouldRejectTruncatedBody() {
    byte[] bytes = encode(fullEvent());

    for (int length = AvroSingleObjectCodec.HEADER_SIZE; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertRejected(() -> events.decode(truncated), RejectReason.TRUNCATED_BODY);
    }
  }

  @Test
  void shouldRejectHugeLengthPrefixWithoutAllocatingIt() {
    // event_id claims 2^30 bytes: Avro's decoder would allocate them before noticing.
    byte[] bytes = header().longValue(1L << 30).raw('x').bytes();

    RejectedRecordException e =
        assertRejected(() -> events.decode(bytes), RejectReason.TRUNCATED_BODY);
    assertThat(e.getMessage()).contains("event_id");
  }

  @Test
  void shouldRejectTrailingBytes() {
    byte[] bytes = encode(minimalEvent());
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);

    assertRejected(() -> events.decode(longer), RejectReason.TRAILING_BYTES);
  }

  @Test
  void shouldRejectNegativeLength() {
    byte[] bytes = header().longValue(-1).bytes();

    assertRejected(() -> events.decode(bytes), RejectReason.MALFORMED_BODY);
  }

  @Test
  void shouldRejectEnumIndexOutOfRange() {
    byte[] bytes = header().string("ev").index(6 + 1).bytes();

    RejectedRecordException e =
        assertRejected(() -> events.decode(bytes), RejectReason.MALFORMED_BODY);
    assertThat(e.getMessage()).contains("event_type").contains("enum symbol 7");
  }

  @Test
  void shouldRejectUnionBranchOutOfRange() {
    byte[] bytes = validPrefixUpToUserId().index(2).bytes();

    RejectedRecordException e =
        assertRejected(() -> events.decode(bytes), RejectReason.MALFORMED_BODY);
    assertThat(e.getMessage()).contains("person_id").contains("union branch 2");
  }

  @Test
  void shouldRejectInvalidUtf8() {
    byte[] bytes = header().longValue(2).raw(0xC3, 0x28).bytes();

    assertRejected(() -> events.decode(bytes), RejectReason.MALFORMED_BODY);
  }

  @Test
  void shouldRejectOverlongVarint() {
    byte[] bytes =
        header().raw(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).bytes();

    RejectedRecordException e =
        assertRejected(() -> events.decode(bytes), RejectReason.MALFORMED_BODY);
    assertThat(e.getMessage()).contains("varint");
  }

  @Test
  void shouldRejectMapBlockClaimingMoreEntriesThanBytes() {
    byte[] bytes =
        validPrefixUpToUserId()
            .index(0) // person_id null
            .index(4) // terminal OTHER
            .index(0)
            .index(0)
            .index(0)
            .index(0)
            .index(0) // region .. duration_ms null
            .longValue(1_000_000_000L) // attributes: a block of a billion entries
            .raw('k')
            .bytes();

    RejectedRecordException e =
        assertRejected(() -> events.decode(bytes), RejectReason.TRUNCATED_BODY);
    assertThat(e.getMessage()).contains("attributes");
  }

  private DisseminationEvent roundTrip(DisseminationEvent event) throws RejectedRecordException {
    return DisseminationEvent.fromGenericRecord(events.decode(encode(event)));
  }

  private byte[] encode(DisseminationEvent event) {
    return events.encode(event.toGenericRecord(events.schema()));
  }

  private MessageBytes header() {
    return MessageBytes.withHeader(events.currentVersion().fingerprint());
  }

  /** event_id, event_type, event_time, article_id, channel, user_id of a valid v1 event. */
  private MessageBytes validPrefixUpToUserId() {
    return header()
        .string("ev")
        .index(0)
        .longValue(NOW.toEpochMilli())
        .string("a1")
        .index(0)
        .string("u1");
  }

  private static RejectedRecordException assertRejected(
      ThrowingCallable decode, RejectReason reason) {
    try {
      decode.call();
    } catch (RejectedRecordException e) {
      assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
      return e;
    } catch (Throwable t) {
      throw new AssertionError("expected a RejectedRecordException(" + reason + "), got " + t, t);
    }
    throw new AssertionError("expected a RejectedRecordException(" + reason + "), decoded fine");
  }
}
