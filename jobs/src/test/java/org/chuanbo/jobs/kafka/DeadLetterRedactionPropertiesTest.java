package org.chuanbo.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.jobs.kafka.RejectedEvents.PSEUDONYMISER;
import static org.chuanbo.jobs.kafka.RejectedEvents.encode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;
import net.jqwik.api.constraints.Size;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.records.Terminal;

/**
 * Wherever a record is cut, no piece of a raw id survives in what the dead-letter topic keeps; and
 * whatever the bytes, the redaction only ever blanks bytes of a value it cannot read.
 *
 * <p>Ids are upper-case letters and every other text of the events lower-case, digits or Chinese,
 * so that three upper-case letters of an id found in the output can only be the id's own.
 */
class DeadLetterRedactionPropertiesTest {

  /** The shortest piece of an id looked for: shorter ones occur by chance in any bytes. */
  private static final int PIECE = 3;

  private final DeadLetterRedaction redaction = new DeadLetterRedaction(PSEUDONYMISER);

  @Provide
  Arbitrary<DisseminationEvent> events() {
    StringArbitrary ids = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(PIECE);
    Arbitrary<String> text =
        Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMaxLength(20);
    Arbitrary<String> chinese = Arbitraries.strings().withChars("贺州市八步区党旗如画").ofMaxLength(12);
    return Builders.withBuilder(DisseminationEvent::builder)
        .use(text)
        .in((b, v) -> b.eventId(v))
        .use(Arbitraries.of(EventType.class))
        .in((b, v) -> b.eventType(v))
        .use(Arbitraries.longs().between(946_684_800_000L, 1_900_000_000_000L))
        .in((b, v) -> b.eventTime(Instant.ofEpochMilli(v)))
        .use(text)
        .in((b, v) -> b.articleId(v))
        .use(Arbitraries.of(Channel.class))
        .in((b, v) -> b.channel(v))
        .use(ids.ofMaxLength(60))
        .in((b, v) -> b.userId(v))
        .use(ids.ofMaxLength(30).injectNull(0.3))
        .in((b, v) -> b.personId(v))
        .use(Arbitraries.of(Terminal.class))
        .in((b, v) -> b.terminal(v))
        .use(chinese.injectNull(0.3))
        .in((b, v) -> b.region(v))
        .use(text.injectNull(0.5))
        .in((b, v) -> b.shareId(v))
        .use(text.injectNull(0.5))
        .in((b, v) -> b.viaShareId(v))
        .use(chinese.injectNull(0.7))
        .in((b, v) -> b.outlet(v))
        .use(Arbitraries.longs().between(-1_000, 100_000_000).injectNull(0.3))
        .in((b, v) -> b.durationMs(v))
        .use(Arbitraries.maps(text, chinese).ofMaxSize(3))
        .in((b, v) -> b.attributes(v))
        .build(DisseminationEvent.Builder::build);
  }

  @Property(tries = 200)
  void shouldLetNoPieceOfARawIdSurviveWhereverTheRecordIsCut(
      @ForAll("events") DisseminationEvent event) {
    byte[] whole = encode(event);
    List<String> ids =
        event.personId() == null
            ? List.of(event.userId())
            : List.of(event.userId(), event.personId());
    for (int cut = 0; cut <= whole.length; cut++) {
      byte[] stored = redaction.redact(Arrays.copyOf(whole, cut), "").value();
      String text = new String(stored, StandardCharsets.ISO_8859_1);
      for (String id : ids) {
        for (int i = 0; i + PIECE <= id.length(); i++) {
          assertThat(text)
              .as("cut at %d of %d", cut, whole.length)
              .doesNotContain(id.substring(i, i + PIECE));
        }
      }
    }
  }

  @Provide
  Arbitrary<byte[]> anyBytes() {
    byte[] event = encode(RejectedEvents.event());
    Arbitrary<byte[]> tails = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return Arbitraries.oneOf(
        tails,
        // Our header and then anything: the body is read field by field until it fails.
        tails.map(tail -> concat(Arrays.copyOf(event, 10), tail)),
        // A real record up to some field, and then anything.
        Arbitraries.integers()
            .between(10, event.length)
            .flatMap(cut -> tails.map(tail -> concat(Arrays.copyOf(event, cut), tail))));
  }

  @Property(tries = 2_000)
  void shouldOnlyBlankBytesOfAValueItCannotRead(@ForAll("anyBytes") byte[] value) {
    DeadLetterRedaction.Redacted redacted = redaction.redact(value, "detail");
    if (!redacted.pseudonymised().isEmpty()) {
      return; // a complete record after all: re-encoded, checked by the other tests
    }
    assertThat(redacted.value()).hasSameSizeAs(value);
    int changed = 0;
    for (int i = 0; i < value.length; i++) {
      if (redacted.value()[i] != value[i]) {
        assertThat(redacted.value()[i]).isEqualTo(DeadLetterRedaction.BLANK);
        changed++;
      }
    }
    assertThat(redacted.blankedBytes()).isGreaterThanOrEqualTo(changed);
    assertThat(redacted.originalDigest() != null).isEqualTo(changed > 0);
  }

  @Property(tries = 50)
  void shouldKeepTheSameValueForTheSameRecord(@ForAll @Size(max = 3) Map<String, String> extras) {
    byte[] value = encode(RejectedEvents.event().toBuilder().attributes(extras).build());
    assertThat(redaction.redact(value, "").value())
        .as("pseudonyms are keyed, not random: a repeated dead letter stores the same bytes")
        .isEqualTo(new DeadLetterRedaction(PSEUDONYMISER).redact(value, "").value());
  }

  private static byte[] concat(byte[] head, byte[] tail) {
    byte[] bytes = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, bytes, head.length, tail.length);
    return bytes;
  }
}
