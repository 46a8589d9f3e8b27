package org.chuanbo.jobs.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.chuanbo.jobs.functions.Pseudonymiser;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.ValidationProblem;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.records.Terminal;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * Rejected records of {@code chuanbo.events} as the job makes them (the codec's and the validators'
 * own reason and detail), for the dead-letter tests.
 */
final class RejectedEvents {

  /** The reader's clock. */
  static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");

  /** A WeChat openid and a party member's number: the ids that must not reach the topic. */
  static final String USER_ID = "oQ7_kdnW3ZpL2mXv9TbYc8sR1eHf";

  static final String PERSON_ID = "dy0031337";

  static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser("dead-letter-test-key-0123456789");

  static final AvroSingleObjectCodec EVENTS =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);

  private RejectedEvents() {}

  /** A VIEW through a share, with both ids and every optional field a view has. */
  static DisseminationEvent event() {
    return DisseminationEvent.builder()
        .eventId("9b1f2c1e-5d2a-4f0e-9a7b-3c1d2e4f5a6b")
        .eventType(EventType.VIEW)
        .eventTime(NOW.minusSeconds(3_600))
        .articleId("hz-20261124-007")
        .channel(Channel.WECHAT)
        .userId(USER_ID)
        .personId(PERSON_ID)
        .terminal(Terminal.MOBILE)
        .region("贺州市八步区")
        .viaShareId("sh9f3a")
        .durationMs(30_000L)
        .attributes(Map.of("scene", "公众号消息"))
        .build();
  }

  static byte[] encode(DisseminationEvent event) {
    return EVENTS.encode(event.toGenericRecord(EVENTS.schema()));
  }

  /** The record the job would send to the dead-letter topic for these bytes. */
  static RejectedRecord rejected(byte[] value) {
    String reason;
    String detail;
    try {
      List<ValidationProblem> problems =
          DisseminationEvent.fromGenericRecord(EVENTS.decode(value)).validate(NOW);
      RejectedRecordException e = RejectedRecordException.of(problems);
      reason = e.reason().name();
      detail = e.detail();
    } catch (RejectedRecordException e) {
      reason = e.reason().name();
      detail = e.detail();
    }
    return new RejectedRecord(
        new RawRecord(
            "chuanbo.events",
            1,
            4242,
            NOW.toEpochMilli(),
            "hz-20261124-007".getBytes(StandardCharsets.UTF_8),
            value),
        reason,
        detail,
        NOW.toEpochMilli());
  }
}
