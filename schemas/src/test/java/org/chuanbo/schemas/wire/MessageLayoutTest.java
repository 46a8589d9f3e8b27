package org.chuanbo.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.TestRecords;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.junit.jupiter.api.Test;

/** The layout reads as far as the codec does, and stops where and why the codec refuses. */
class MessageLayoutTest {

  private static final SchemaCatalog CATALOG = SchemaCatalog.released();
  private final AvroSingleObjectCodec events =
      AvroSingleObjectCodec.forRecord(CATALOG, DisseminationEvent.AVRO_NAME);
  private final byte[] full =
      events.encode(TestRecords.fullEvent().toGenericRecord(events.schema()));

  @Test
  void shouldLayOutEveryFieldOfACompleteRecordEndToEnd() {
    MessageLayout layout = MessageLayout.of(CATALOG, full);
    assertThat(layout.isComplete()).isTrue();
    assertThat(layout.headerBytes()).isEqualTo(AvroSingleObjectCodec.HEADER_SIZE);
    assertThat(layout.writer()).isEqualTo(events.currentVersion());
    assertThat(layout.fields())
        .extracting(MessageLayout.FieldExtent::name)
        .containsExactlyElementsOf(
            events.schema().getFields().stream().map(Schema.Field::name).toList());
    int at = AvroSingleObjectCodec.HEADER_SIZE;
    for (MessageLayout.FieldExtent field : layout.fields()) {
      assertThat(field.start()).isEqualTo(at);
      at = field.end();
    }
    assertThat(at).isEqualTo(full.length);
  }

  @Test
  void shouldStopInTheFieldWhereTheBytesEnd() {
    MessageLayout whole = MessageLayout.of(CATALOG, full);
    for (int cut = AvroSingleObjectCodec.HEADER_SIZE; cut < full.length; cut++) {
      MessageLayout layout = MessageLayout.of(CATALOG, Arrays.copyOf(full, cut));
      int complete = layout.fields().size();
      assertThat(layout.fields()).isEqualTo(whole.fields().subList(0, complete));
      assertThat(layout.stop().reason()).isEqualTo(RejectReason.TRUNCATED_BODY);
      assertThat(layout.stop().field()).isEqualTo(whole.fields().get(complete).name());
      assertThat(layout.stop().at()).isEqualTo(whole.fields().get(complete).start());
      assertThat(cut).isBetween(layout.stop().at(), whole.fields().get(complete).end() - 1);
    }
  }

  @Test
  void shouldKeepAsMuchOfAHeaderAsThereIs() {
    assertThat(MessageLayout.of(CATALOG, null).headerBytes()).isZero();
    MessageLayout short_ = MessageLayout.of(CATALOG, Arrays.copyOf(full, 6));
    assertThat(short_.headerBytes()).isEqualTo(6);
    assertThat(short_.stop().reason()).isEqualTo(RejectReason.TOO_SHORT);
    assertThat(MessageLayout.of(CATALOG, new byte[] {'{', '"', 'a'}).headerBytes()).isZero();

    byte[] json = "{\"user_id\":\"stb077400000123\"}".getBytes();
    MessageLayout noMarker = MessageLayout.of(CATALOG, json);
    assertThat(noMarker.headerBytes()).isZero();
    assertThat(noMarker.stop().reason()).isEqualTo(RejectReason.BAD_MARKER);

    byte[] unknown = full.clone();
    unknown[5] ^= 0x55;
    MessageLayout unknownSchema = MessageLayout.of(CATALOG, unknown);
    assertThat(unknownSchema.headerBytes()).isEqualTo(AvroSingleObjectCodec.HEADER_SIZE);
    assertThat(unknownSchema.writer()).isNull();
    assertThat(unknownSchema.stop().reason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA);
  }

  @Test
  void shouldStopForTheReasonTheCodecRefusesRandomBodies() {
    Random random = new Random(99L);
    byte[] header = Arrays.copyOf(full, AvroSingleObjectCodec.HEADER_SIZE);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = Arrays.copyOf(header, header.length + random.nextInt(120));
      for (int b = header.length; b < bytes.length; b++) {
        bytes[b] = (byte) (random.nextBoolean() ? random.nextInt(8) : random.nextInt(256));
      }
      MessageLayout layout = MessageLayout.of(CATALOG, bytes);
      try {
        events.decode(bytes);
        assertThat(layout.isComplete()).isTrue();
      } catch (RejectedRecordException e) {
        assertThat(layout.stop()).isNotNull();
        assertThat(layout.stop().reason()).isEqualTo(e.reason());
      }
    }
  }
}
