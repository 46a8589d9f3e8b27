package org.chuanbo.jobs.functions;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.records.DisseminationEvent;

/**
 * Decodes {@code chuanbo.events} records (Avro single-object encoding, any released writer version)
 * and validates them; what passes leaves with its user ids pseudonymised, what does not goes to
 * {@link #REJECTED} with the reason. Metric: {@code eventsRejected}.
 */
public final class DecodeEvents extends DecodeRecords<EnrichedEvent> {

  public static final OutputTag<RejectedRecord> REJECTED = new OutputTag<>("rejected-events") {};

  private final Pseudonymiser pseudonymiser;

  public DecodeEvents(Pseudonymiser pseudonymiser, Clock clock) {
    super(clock, DisseminationEvent.AVRO_NAME, "eventsRejected", REJECTED);
    this.pseudonymiser = pseudonymiser;
  }

  @Override
  EnrichedEvent convert(GenericRecord record, RawRecord raw, Instant now)
      throws RejectedRecordException {
    DisseminationEvent event = DisseminationEvent.fromGenericRecord(record);
    RejectedRecordException.throwIfAny(event.validate(now));
    String userId = pseudonymiser.pseudonym(event.userId());
    String personId = pseudonymiser.pseudonym(event.personId());
    // Reach counts people: the cross-channel person when known, else the user on that channel.
    String reachKey =
        personId != null ? "p:" + personId : "u:" + event.channel().name() + ":" + userId;
    return new EnrichedEvent(
        event.eventId(),
        event.eventType().name(),
        event.eventTime().toEpochMilli(),
        event.articleId(),
        null,
        event.channel().name(),
        userId,
        personId,
        reachKey,
        event.terminal().name(),
        event.region(),
        event.shareId(),
        event.viaShareId(),
        event.outlet(),
        event.durationMs(),
        new HashMap<>(event.attributes()),
        raw.timestampMillis());
  }
}
