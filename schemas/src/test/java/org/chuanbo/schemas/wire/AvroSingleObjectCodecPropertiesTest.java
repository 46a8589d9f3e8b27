package org.chuanbo.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.chuanbo.schemas.TestRecords.NOW;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.apache.avro.generic.GenericRecord;
import org.chuanbo.schemas.ExtremeRecords;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.PlatformCount;

/**
 * Decoding takes any bytes: random ones, valid messages cut anywhere, with bits flipped, or with
 * invalid UTF-8 in any string. The only outcomes are a record that the typed layer converts and
 * validates without throwing, or a {@link RejectedRecordException} — and for cuts and bad UTF-8,
 * exactly the reason the README names. {@link AvroSingleObjectCodecFuzzTest} does the same with
 * fixed seeds and many more rounds; these shrink a failure to a small example.
 */
class AvroSingleObjectCodecPropertiesTest {

  private static final SchemaCatalog CATALOG = SchemaCatalog.released();
  private static final AvroSingleObjectCodec EVENTS =
      AvroSingleObjectCodec.forRecord(CATALOG, DisseminationEvent.AVRO_NAME);
  private static final AvroSingleObjectCodec ARTICLES =
      AvroSingleObjectCodec.forRecord(CATALOG, Article.AVRO_NAME);
  private static final AvroSingleObjectCodec PLATFORM_COUNTS =
      AvroSingleObjectCodec.forRecord(CATALOG, PlatformCount.AVRO_NAME);
  private static final List<AvroSingleObjectCodec> CODECS =
      List.of(EVENTS, ARTICLES, PLATFORM_COUNTS);

  /** A marker that cannot occur in generated text, so it is found only where it was put. */
  private static final String PLACEHOLDER = "\u0001\u0002placeholder\u0002\u0001";

  @Provide
  Arbitrary<byte[]> anyBytes() {
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
    // Small values make plausible lengths, counts and indexes, so bodies get past the first field.
    Arbitrary<byte[]> bodies =
        Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.bytes()),
                Tuple.of(1, Arbitraries.bytes().between((byte) 0, (byte) 8)))
            .array(byte[].class)
            .ofMaxSize(200);
    Arbitrary<byte[]> behindKnownHeader =
        Combinators.combine(Arbitraries.of(CODECS), bodies)
            .as((codec, body) -> concat(header(codec.currentVersion().fingerprint()), body));
    Arbitrary<byte[]> behindAnyHeader =
        Combinators.combine(Arbitraries.longs(), bodies).as((f, body) -> concat(header(f), body));
    return Arbitraries.oneOf(noise, behindKnownHeader, behindAnyHeader);
  }

  @Provide
  Arbitrary<byte[]> validMessages() {
    return Arbitraries.oneOf(
        ExtremeRecords.encodableEvents()
            .map(e -> EVENTS.encode(e.toGenericRecord(EVENTS.schema()))),
        ExtremeRecords.articles().map(a -> ARTICLES.encode(a.toGenericRecord(ARTICLES.schema()))),
        ExtremeRecords.platformCounts()
            .map(p -> PLATFORM_COUNTS.encode(p.toGenericRecord(PLATFORM_COUNTS.schema()))));
  }

  @Provide
  Arbitrary<byte[]> invalidUtf8() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            1,
            Arbitraries.of(
                new byte[] {(byte) 0xC0, (byte) 0xAF}, // over-long '/'
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate, CESU-8
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
                new byte[] {(byte) 0xE4, (byte) 0xB8}, // a 3-byte character cut after 2
                new byte[] {(byte) 0x80}, // a lone continuation byte
                new byte[] {(byte) 0xFF})),
        Tuple.of(
            3,
            Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(1)
                .ofMaxSize(16)
                .filter(bytes -> !isUtf8(bytes))));
  }

  @Provide
  Arbitrary<String> stringFields() {
    return Arbitraries.of(
        "event_id",
        "article_id",
        "user_id",
        "person_id",
        "region",
        "share_id",
        "via_share_id",
        "outlet",
        "attribute key",
        "attribute value");
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void anyBytesAreDecodedOrRejected(@ForAll("anyBytes") byte[] bytes) {
    for (AvroSingleObjectCodec codec : CODECS) {
      Statistics.collect(outcome(codec, bytes));
    }
  }

  @Property(tries = 500)
  void everyProperPrefixOfAValidMessageIsTooShortOrTruncated(
      @ForAll("validMessages") byte[] message,
      @ForAll @DoubleRange(max = 1.0, maxIncluded = false) double cut) {
    byte[] prefix = Arrays.copyOf(message, (int) (message.length * cut));

    RejectReason reason = rejectReason(codecOf(message), prefix);

    assertThat(reason)
        .as("%d of %d bytes", prefix.length, message.length)
        .isEqualTo(
            prefix.length < AvroSingleObjectCodec.HEADER_SIZE
                ? RejectReason.TOO_SHORT
                : RejectReason.TRUNCATED_BODY);
  }

  @Property(tries = 1000)
  @StatisticsReport(onFailureOnly = true)
  void bitFlipsInAValidMessageAreDecodedOrRejected(
      @ForAll("validMessages") byte[] message,
      @ForAll @Size(min = 1, max = 4)
          List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> bits) {
    byte[] flipped = message.clone();
    for (int bit : bits) {
      int at = bit % (flipped.length * 8);
      flipped[at / 8] ^= (byte) (1 << (at % 8));
    }
    Statistics.collect(outcome(codecOf(message), flipped));
  }

  /**
   * Avro itself would read invalid UTF-8 as U+FFFD and carry on; the codec must refuse it in every
   * string of the record, optional branches and map keys and values included.
   */
  @Property(tries = 500)
  void invalidUtf8InAnyStringIsMalformed(
      @ForAll("encodableEvents") DisseminationEvent event,
      @ForAll("stringFields") String field,
      @ForAll("invalidUtf8") byte[] invalid) {
    byte[] message = EVENTS.encode(withPlaceholder(event, field).toGenericRecord(EVENTS.schema()));

    byte[] broken = replacePlaceholder(message, invalid);

    assertThat(rejectReason(EVENTS, broken)).isEqualTo(RejectReason.MALFORMED_BODY);
  }

  @Provide
  Arbitrary<DisseminationEvent> encodableEvents() {
    return ExtremeRecords.encodableEvents();
  }

  /** "decoded" or the reject reason; fails on anything else the codec or typed layer throws. */
  private static String outcome(AvroSingleObjectCodec codec, byte[] bytes) {
    try {
      GenericRecord record = codec.decode(bytes);
      switch (record.getSchema().getFullName()) {
        case DisseminationEvent.AVRO_NAME ->
            DisseminationEvent.fromGenericRecord(record).validate(NOW);
        case Article.AVRO_NAME -> Article.fromGenericRecord(record).validate(NOW);
        case PlatformCount.AVRO_NAME -> PlatformCount.fromGenericRecord(record).validate(NOW);
        default -> throw new AssertionError("decoded an unexpected " + record.getSchema());
      }
      return "decoded";
    } catch (RejectedRecordException e) {
      assertThat(e.detail()).isNotBlank();
      return e.reason().name();
    } catch (RuntimeException | Error e) {
      throw new AssertionError(
          "neither decoded nor rejected: " + HexFormat.of().formatHex(bytes), e);
    }
  }

  private static RejectReason rejectReason(AvroSingleObjectCodec codec, byte[] bytes) {
    RejectedRecordException e =
        catchThrowableOfType(RejectedRecordException.class, () -> codec.decode(bytes));
    assertThat(e).as("rejected: " + HexFormat.of().formatHex(bytes)).isNotNull();
    return e.reason();
  }

  private static AvroSingleObjectCodec codecOf(byte[] message) {
    long fingerprint = ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return CODECS.stream()
        .filter(c -> c.currentVersion().fingerprint() == fingerprint)
        .findFirst()
        .orElseThrow();
  }

  private static DisseminationEvent withPlaceholder(DisseminationEvent e, String field) {
    DisseminationEvent.Builder b = e.toBuilder();
    switch (field) {
      case "event_id" -> b.eventId(PLACEHOLDER);
      case "article_id" -> b.articleId(PLACEHOLDER);
      case "user_id" -> b.userId(PLACEHOLDER);
      case "person_id" -> b.personId(PLACEHOLDER);
      case "region" -> b.region(PLACEHOLDER);
      case "share_id" -> b.shareId(PLACEHOLDER);
      case "via_share_id" -> b.viaShareId(PLACEHOLDER);
      case "outlet" -> b.outlet(PLACEHOLDER);
      case "attribute key" -> b.attributes(Map.of(PLACEHOLDER, "v"));
      case "attribute value" -> b.attributes(Map.of("k", PLACEHOLDER));
      default -> throw new IllegalArgumentException(field);
    }
    return b.build();
  }

  /** The placeholder string (its one-byte length and its bytes) replaced by {@code bytes}. */
  private static byte[] replacePlaceholder(byte[] message, byte[] bytes) {
    byte[] placeholder = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
    int at = indexOf(message, placeholder);
    assertThat(at).as("the placeholder is in the message").isPositive();
    assertThat(indexOf(Arrays.copyOfRange(message, at + 1, message.length), placeholder))
        .as("the placeholder is in the message once")
        .isNegative();
    byte[] length = MessageBytes.withHeader(0).longValue(bytes.length).bytes();
    return concat(
        Arrays.copyOf(message, at - 1),
        Arrays.copyOfRange(length, AvroSingleObjectCodec.HEADER_SIZE, length.length),
        bytes,
        Arrays.copyOfRange(message, at + placeholder.length, message.length));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] header(long fingerprint) {
    return MessageBytes.withHeader(fingerprint).bytes();
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(length);
    for (byte[] part : parts) {
      buffer.put(part);
    }
    return buffer.array();
  }
}
