package org.chuanbo.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.schemas.TestRecords.NOW;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.TestRecords;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.junit.jupiter.api.Test;

/**
 * Garbage in, and the only two outcomes allowed: a decoded record (which the typed layer then
 * converts and validates without throwing) or a {@link RejectedRecordException}. Fixed seeds keep a
 * failure reproducible; the failing input is printed in hex.
 */
class AvroSingleObjectCodecFuzzTest {

  private static final int ROUNDS = 20_000;
  private static final SchemaCatalog CATALOG = SchemaCatalog.released();

  private final AvroSingleObjectCodec events =
      AvroSingleObjectCodec.forRecord(CATALOG, DisseminationEvent.AVRO_NAME);
  private final AvroSingleObjectCodec articles =
      AvroSingleObjectCodec.forRecord(CATALOG, Article.AVRO_NAME);

  @Test
  void shouldDecodeOrRejectRandomBytes() {
    Random random = new Random(20260701L);
    Outcomes outcomes = new Outcomes();
    for (int i = 0; i < ROUNDS; i++) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      outcomes.add(events, bytes);
    }

    assertThat(outcomes.rejected).containsKeys(RejectReason.TOO_SHORT, RejectReason.BAD_MARKER);
  }

  @Test
  void shouldDecodeOrRejectRandomBodiesBehindValidHeaders() {
    Random random = new Random(42L);
    Outcomes outcomes = new Outcomes();
    for (AvroSingleObjectCodec codec : new AvroSingleObjectCodec[] {events, articles}) {
      byte[] header =
          Arrays.copyOf(
              MessageBytes.withHeader(codec.currentVersion().fingerprint()).bytes(),
              AvroSingleObjectCodec.HEADER_SIZE);
      for (int i = 0; i < ROUNDS; i++) {
        byte[] bytes = Arrays.copyOf(header, header.length + random.nextInt(200));
        for (int b = header.length; b < bytes.length; b++) {
          // Small values half the time, so lengths and indexes are often plausible.
          bytes[b] = (byte) (random.nextBoolean() ? random.nextInt(8) : random.nextInt(256));
        }
        outcomes.add(codec, bytes);
      }
    }

    assertThat(outcomes.rejected)
        .containsKeys(RejectReason.TRUNCATED_BODY, RejectReason.MALFORMED_BODY);
  }

  @Test
  void shouldDecodeOrRejectMutatedValidMessages() {
    Random random = new Random(7L);
    Outcomes outcomes = new Outcomes();
    byte[][] valid = {
      events.encode(TestRecords.fullEvent().toGenericRecord(events.schema())),
      events.encode(TestRecords.minimalEvent().toGenericRecord(events.schema())),
    };
    for (int i = 0; i < ROUNDS; i++) {
      byte[] bytes = valid[random.nextInt(valid.length)].clone();
      switch (random.nextInt(3)) {
        case 0 -> { // flip a few bytes anywhere, header included
          for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
          }
        }
        case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length)); // cut
        default -> { // insert a random byte
          int at = random.nextInt(bytes.length);
          byte[] longer = new byte[bytes.length + 1];
          System.arraycopy(bytes, 0, longer, 0, at);
          longer[at] = (byte) random.nextInt(256);
          System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
          bytes = longer;
        }
      }
      outcomes.add(events, bytes);
    }

    assertThat(outcomes.decoded).isPositive();
    assertThat(outcomes.rejected.keySet()).hasSizeGreaterThanOrEqualTo(5);
  }

  /** Tallies outcomes; fails the test on anything but a decode or a reject. */
  private static final class Outcomes {
    int decoded;
    final Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);

    void add(AvroSingleObjectCodec codec, byte[] bytes) {
      try {
        GenericRecord record = codec.decode(bytes);
        // A decoded record must also survive the typed layer the job applies next.
        Function<GenericRecord, ?> toTyped =
            record.getSchema().getFullName().equals(Article.AVRO_NAME)
                ? r -> Article.fromGenericRecord(r).validate(NOW)
                : r -> DisseminationEvent.fromGenericRecord(r).validate(NOW);
        toTyped.apply(record);
        decoded++;
      } catch (RejectedRecordException e) {
        assertThat(e.getMessage()).isNotBlank();
        rejected.merge(e.reason(), 1, Integer::sum);
      } catch (Throwable t) {
        throw new AssertionError(
            "neither decoded nor rejected: " + HexFormat.of().formatHex(bytes), t);
      }
    }
  }
}
