package org.chuanbo.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chuanbo.jobs.kafka.RejectedEvents.PERSON_ID;
import static org.chuanbo.jobs.kafka.RejectedEvents.PSEUDONYMISER;
import static org.chuanbo.jobs.kafka.RejectedEvents.USER_ID;
import static org.chuanbo.jobs.kafka.RejectedEvents.encode;
import static org.chuanbo.jobs.kafka.RejectedEvents.event;
import static org.chuanbo.jobs.kafka.RejectedEvents.rejected;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.chuanbo.generator.MalformedRecords;
import org.chuanbo.generator.MalformedRecords.Malformation;
import org.chuanbo.generator.MalformedRecords.PlatformMalformation;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;
import org.chuanbo.schemas.wire.MessageLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The dead-letter topic keeps no raw user or person id, for every way the generator breaks a record
 * (MalformedRecords), and keeps every byte that provably holds none.
 */
class DeadLetterRedactionTest {

  private static final byte[] ORIGINAL = encode(event());
  private static final MessageLayout LAYOUT = MessageLayout.of(SchemaCatalog.released(), ORIGINAL);

  private final DeadLetterRedaction redaction = new DeadLetterRedaction(PSEUDONYMISER);
  private final DeadLetterSerializer serializer =
      new DeadLetterSerializer("chuanbo.events.dlq", redaction);

  private static Article article() {
    return new Article(
        "hz-20261124-007",
        "党旗如画｜瑶乡新村里的“红色管家”",
        "fc",
        null,
        ContentType.ARTICLE,
        "editor_lihua",
        Instant.parse("2026-11-23T01:00:00Z"),
        Instant.parse("2026-11-23T01:00:00Z"));
  }

  private ProducerRecord<byte[], byte[]> deadLetter(byte[] value) {
    return serializer.serialize(rejected(value), null, null);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Every byte of the dead letter: key, value, header names and values. */
  private static List<byte[]> everyByte(ProducerRecord<byte[], byte[]> record) {
    List<byte[]> parts = new ArrayList<>(List.of(record.key(), record.value()));
    for (Header header : record.headers()) {
      parts.add(header.key().getBytes(StandardCharsets.UTF_8));
      parts.add(header.value());
    }
    return parts;
  }

  /**
   * The whole ids and their first three characters: a cut may leave a piece of an id, and "oQ7" or
   * "dy0" appear nowhere else in the record.
   */
  private static void assertNoRawId(ProducerRecord<byte[], byte[]> record, String what) {
    for (byte[] part : everyByte(record)) {
      String text = new String(part, StandardCharsets.ISO_8859_1);
      for (String id : List.of(USER_ID, PERSON_ID)) {
        assertThat(text).as(what).doesNotContain(id).doesNotContain(id.substring(0, 3));
      }
    }
  }

  private static int start(String field) {
    return extent(field).start();
  }

  private static MessageLayout.FieldExtent extent(String field) {
    return LAYOUT.fields().stream().filter(f -> f.name().equals(field)).findFirst().orElseThrow();
  }

  private static boolean allBlank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != DeadLetterRedaction.BLANK) {
        return false;
      }
    }
    return true;
  }

  @ParameterizedTest
  @EnumSource(Malformation.class)
  void shouldLeaveNoRawIdInAnyBrokenEventAndSayWhatItDid(Malformation kind) {
    for (long seed = 1; seed <= 40; seed++) {
      byte[] broken = MalformedRecords.event(kind, event(), article(), seed);
      ProducerRecord<byte[], byte[]> record = deadLetter(broken);
      assertNoRawId(record, kind + " seed " + seed);
      assertThat(header(record, DeadLetterSerializer.REASON)).isNotBlank();
      assertThat(header(record, DeadLetterSerializer.SOURCE_OFFSET)).isEqualTo("4242");
      assertThat(record.key()).asString().isEqualTo("hz-20261124-007");
      if (Arrays.equals(record.value(), broken)) {
        assertThat(header(record, DeadLetterSerializer.ORIGINAL_HMAC)).isNull();
      } else {
        assertThat(header(record, DeadLetterSerializer.ORIGINAL_HMAC))
            .isEqualTo(PSEUDONYMISER.keyedDigest(broken));
        assertThat(
                header(record, DeadLetterSerializer.REDACTED) != null
                    || header(record, DeadLetterSerializer.BLANKED_BYTES) != null)
            .as("%s says what it changed", kind)
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Malformation.class,
      names = {
        "NEGATIVE_DURATION",
        "TIME_IN_MICROSECONDS",
        "TIME_IN_SECONDS",
        "SHARE_WITHOUT_ID",
        "REPOST_WITHOUT_OUTLET",
        "NEWER_CHANNEL"
      })
  void shouldReplaceTheIdsOfAnEventThatDecodesByTheTablesPseudonyms(Malformation kind)
      throws Exception {
    byte[] broken = MalformedRecords.event(kind, event(), article(), 7);
    ProducerRecord<byte[], byte[]> record = deadLetter(broken);

    DisseminationEvent original =
        DisseminationEvent.fromGenericRecord(RejectedEvents.EVENTS.decode(broken));
    DisseminationEvent stored =
        DisseminationEvent.fromGenericRecord(RejectedEvents.EVENTS.decode(record.value()));
    assertThat(stored)
        .isEqualTo(
            original.toBuilder()
                .userId(PSEUDONYMISER.pseudonym(USER_ID))
                .personId(PSEUDONYMISER.pseudonym(PERSON_ID))
                .build());
    assertThat(Arrays.copyOf(record.value(), 10)).isEqualTo(Arrays.copyOf(broken, 10));
    assertThat(header(record, DeadLetterSerializer.REDACTED)).isEqualTo("user_id,person_id");
    assertThat(header(record, DeadLetterSerializer.BLANKED_BYTES)).isNull();
    assertThat(header(record, DeadLetterSerializer.REASON))
        .isIn(RejectReason.INVALID_VALUE.name(), "MISSING_VALUE", "UNKNOWN_SYMBOL");
  }

  @Test
  void shouldNameOnlyTheIdsItReplaced() throws Exception {
    byte[] withoutPerson =
        encode(event().toBuilder().personId(null).durationMs(-1L).eventId("e-2").build());
    ProducerRecord<byte[], byte[]> record = deadLetter(withoutPerson);
    assertThat(header(record, DeadLetterSerializer.REDACTED)).isEqualTo("user_id");
    assertThat(
            DisseminationEvent.fromGenericRecord(RejectedEvents.EVENTS.decode(record.value()))
                .personId())
        .isNull();
  }

  @Test
  void shouldKeepARecordWithoutIdsByteForByte() {
    byte[] articleOnEventsTopic =
        MalformedRecords.event(Malformation.ARTICLE_ON_EVENTS_TOPIC, event(), article(), 1);
    ProducerRecord<byte[], byte[]> record = deadLetter(articleOnEventsTopic);
    assertThat(header(record, DeadLetterSerializer.REASON)).isEqualTo("WRONG_RECORD");
    assertThat(record.value()).isEqualTo(articleOnEventsTopic);
    assertThat(header(record, DeadLetterSerializer.REDACTED)).isNull();
    assertThat(header(record, DeadLetterSerializer.BLANKED_BYTES)).isNull();
    assertThat(header(record, DeadLetterSerializer.ORIGINAL_HMAC)).isNull();
  }

  @ParameterizedTest
  @EnumSource(
      value = Malformation.class,
      names = {"GARBAGE", "JSON_INSTEAD_OF_AVRO"})
  void shouldBlankEveryByteOfAValueThatIsNotOurEncoding(Malformation kind) {
    byte[] broken = MalformedRecords.event(kind, event(), article(), 3);
    ProducerRecord<byte[], byte[]> record = deadLetter(broken);
    assertThat(record.value()).hasSameSizeAs(broken);
    assertThat(allBlank(record.value(), 0, broken.length)).isTrue();
    assertThat(header(record, DeadLetterSerializer.BLANKED_BYTES))
        .isEqualTo(Integer.toString(broken.length));
    // The detail still says what the bytes looked like: JSON starts with {" (7B 22).
    if (kind == Malformation.JSON_INSTEAD_OF_AVRO) {
      assertThat(header(record, DeadLetterSerializer.DETAIL)).contains("7B 22");
    }
  }

  @Test
  void shouldKeepOnlyTheHeaderOfAnUnknownFingerprint() {
    byte[] broken = MalformedRecords.event(Malformation.UNKNOWN_FINGERPRINT, event(), article(), 5);
    ProducerRecord<byte[], byte[]> record = deadLetter(broken);
    assertThat(header(record, DeadLetterSerializer.REASON)).isEqualTo("UNKNOWN_SCHEMA");
    assertThat(Arrays.copyOf(record.value(), 10)).isEqualTo(Arrays.copyOf(broken, 10));
    assertThat(allBlank(record.value(), 10, broken.length)).isTrue();
    assertThat(header(record, DeadLetterSerializer.BLANKED_BYTES))
        .isEqualTo(Integer.toString(broken.length - 10));
  }

  @Test
  void shouldKeepEveryByteOfARecordCutBeforeItsIds() {
    for (int cut = 1; cut <= start("user_id"); cut++) {
      byte[] truncated = Arrays.copyOf(ORIGINAL, cut);
      ProducerRecord<byte[], byte[]> record = deadLetter(truncated);
      assertThat(record.value()).as("cut at %d", cut).isEqualTo(truncated);
      assertThat(header(record, DeadLetterSerializer.BLANKED_BYTES)).isNull();
      assertThat(header(record, DeadLetterSerializer.ORIGINAL_HMAC)).isNull();
    }
  }

  @Test
  void shouldBlankWhatIsLeftOfAnIdWhereTheCutFallsInIt() {
    for (int cut = start("user_id") + 1; cut < extent("person_id").end(); cut++) {
      byte[] truncated = Arrays.copyOf(ORIGINAL, cut);
      ProducerRecord<byte[], byte[]> record = deadLetter(truncated);
      byte[] value = record.value();
      assertThat(Arrays.copyOf(value, start("user_id")))
          .isEqualTo(Arrays.copyOf(ORIGINAL, start("user_id")));
      int userIdEnd = extent("user_id").end();
      if (cut < userIdEnd) {
        assertThat(allBlank(value, start("user_id"), cut)).as("cut at %d", cut).isTrue();
      } else {
        // user_id is complete: only its characters go; what there is of person_id goes whole.
        assertThat(allBlank(value, userIdEnd - USER_ID.length(), userIdEnd)).isTrue();
        assertThat(value[start("user_id")]).isEqualTo(ORIGINAL[start("user_id")]);
        assertThat(allBlank(value, start("person_id"), cut)).as("cut at %d", cut).isTrue();
      }
      assertThat(header(record, DeadLetterSerializer.BLANKED_BYTES)).isNotNull();
    }
  }

  @Test
  void shouldBlankOnlyTheIdCharactersOfARecordCutAfterThem() {
    int cut = ORIGINAL.length - 3; // inside the attributes
    byte[] truncated = Arrays.copyOf(ORIGINAL, cut);
    ProducerRecord<byte[], byte[]> record = deadLetter(truncated);

    byte[] expected = truncated.clone();
    int userIdEnd = extent("user_id").end();
    int personIdEnd = extent("person_id").end();
    Arrays.fill(expected, userIdEnd - USER_ID.length(), userIdEnd, DeadLetterRedaction.BLANK);
    Arrays.fill(expected, personIdEnd - PERSON_ID.length(), personIdEnd, DeadLetterRedaction.BLANK);
    assertThat(record.value()).isEqualTo(expected);
    assertThat(header(record, DeadLetterSerializer.BLANKED_BYTES))
        .isEqualTo(Integer.toString(USER_ID.length() + PERSON_ID.length()));
    // Still cut at the same place, for the same reason: the dead letter reads as the original did.
    MessageLayout stored = MessageLayout.of(SchemaCatalog.released(), record.value());
    MessageLayout original = MessageLayout.of(SchemaCatalog.released(), truncated);
    assertThat(stored.stop()).isEqualTo(original.stop());
    assertThat(stored.fields()).isEqualTo(original.fields());
  }

  @Test
  void shouldBlankEverythingFromTheFieldWhereReadingFailed() {
    byte[] malformed = ORIGINAL.clone();
    int eventType = start("event_type");
    malformed[eventType] = 99; // enum index out of range
    ProducerRecord<byte[], byte[]> record = deadLetter(malformed);
    assertThat(header(record, DeadLetterSerializer.REASON)).isEqualTo("MALFORMED_BODY");
    assertThat(Arrays.copyOf(record.value(), eventType))
        .isEqualTo(Arrays.copyOf(ORIGINAL, eventType));
    assertThat(allBlank(record.value(), eventType, malformed.length)).isTrue();
  }

  @Test
  void shouldBlankTheIdsAndTheTrailingBytesOfARecordWithTrailingBytes() {
    byte[] trailing = Arrays.copyOf(ORIGINAL, ORIGINAL.length + 4);
    ProducerRecord<byte[], byte[]> record = deadLetter(trailing);
    assertThat(header(record, DeadLetterSerializer.REASON)).isEqualTo("TRAILING_BYTES");
    assertThat(allBlank(record.value(), ORIGINAL.length, trailing.length)).isTrue();
    assertThat(header(record, DeadLetterSerializer.BLANKED_BYTES))
        .isEqualTo(Integer.toString(USER_ID.length() + PERSON_ID.length() + 4));
    assertNoRawId(record, "trailing bytes");
  }

  @Test
  void shouldNotQuoteARawIdInTheDetail() {
    byte[] invalid = encode(event().toBuilder().durationMs(-5L).build());
    RejectedRecord rejected = rejected(invalid);
    RejectedRecord quoting =
        new RejectedRecord(
            rejected.original(),
            rejected.reason(),
            "user " + USER_ID + " of person " + PERSON_ID,
            rejected.rejectedAtMillis());
    ProducerRecord<byte[], byte[]> record = serializer.serialize(quoting, null, null);
    assertThat(header(record, DeadLetterSerializer.DETAIL))
        .isEqualTo(
            "user "
                + PSEUDONYMISER.pseudonym(USER_ID)
                + " of person "
                + PSEUDONYMISER.pseudonym(PERSON_ID));
  }

  @Test
  void shouldLeaveTheValidatorsDetailAsItIs() {
    ProducerRecord<byte[], byte[]> record =
        deadLetter(encode(event().toBuilder().durationMs(-5L).build()));
    assertThat(header(record, DeadLetterSerializer.DETAIL)).isEqualTo("duration_ms: negative: -5");
  }

  @ParameterizedTest
  @EnumSource(PlatformMalformation.class)
  void shouldKeepABrokenPlatformCountUnlessItsBodyIsUnknown(PlatformMalformation kind) {
    PlatformCount report =
        new PlatformCount(
            "wx-20261123-hz-007-r2",
            "hz-20261124-007",
            Channel.WECHAT,
            java.time.LocalDate.of(2026, 11, 23),
            Instant.parse("2026-11-24T00:30:00Z"),
            1_234,
            56,
            78,
            9);
    byte[] broken = MalformedRecords.platformCount(kind, report, 11);
    DeadLetterRedaction.Redacted redacted = redaction.redact(broken, "detail");
    if (kind == PlatformMalformation.UNKNOWN_FINGERPRINT) {
      assertThat(Arrays.copyOf(redacted.value(), 10)).isEqualTo(Arrays.copyOf(broken, 10));
      assertThat(redacted.blankedBytes()).isEqualTo(broken.length - 10);
    } else {
      assertThat(redacted.value()).as("a report holds no person").isEqualTo(broken);
      assertThat(redacted.originalDigest()).isNull();
    }
  }

  @Test
  void shouldKeepAnEmptyValueEmpty() {
    DeadLetterRedaction.Redacted redacted = redaction.redact(new byte[0], null);
    assertThat(redacted.value()).isEmpty();
    assertThat(redacted.blankedBytes()).isZero();
    assertThat(redacted.detail()).isNull();
  }

  @Test
  void shouldRefuseSchemasThatPutAnIdWhereItCannotBeRedacted() {
    assertThatThrownBy(
            () ->
                DeadLetterRedaction.requireRedactable(
                    SchemaCatalog.fromClasspath("redaction/nested-id")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nested record has id field user_id");
    assertThatThrownBy(
            () ->
                DeadLetterRedaction.requireRedactable(
                    SchemaCatalog.fromClasspath("redaction/numeric-id")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("person_id must be a string");
    assertThat(DeadLetterRedaction.requireRedactable(SchemaCatalog.released())).isNotNull();
  }

  @Test
  void shouldStoreAnArticleOfTheArticlesTopicAsItCame() {
    AvroSingleObjectCodec articles =
        AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), Article.AVRO_NAME);
    byte[] bytes = articles.encode(article().toGenericRecord(articles.schema()));
    ProducerRecord<byte[], byte[]> record =
        serializer.serialize(
            new RejectedRecord(
                new RawRecord("chuanbo.articles", 0, 1, 0, "k".getBytes(), bytes),
                "INVALID_VALUE",
                "office: …",
                0),
            null,
            null);
    assertThat(record.value()).isEqualTo(bytes);
  }
}
