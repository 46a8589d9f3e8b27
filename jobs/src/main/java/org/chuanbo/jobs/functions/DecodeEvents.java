package org.chuanbo.jobs.functions;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.RawRecord;
import org.chuanbo.jobs.records.RejectedRecord;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.ValidationProblem;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * Decodes {@code chuanbo.events} records (Avro single-object encoding, any released writer version)
 * and validates them; what passes leaves with its user ids pseudonymised, what does not goes to
 * {@link #REJECTED} with the reason — nothing is dropped and nothing throws. Metric: {@code
 * eventsRejected}.
 */
public final class DecodeEvents extends ProcessFunction<RawRecord, EnrichedEvent> {

  public static final OutputTag<RejectedRecord> REJECTED = new OutputTag<>("rejected-events") {};

  private final Pseudonymiser pseudonymiser;
  private final Clock clock;
  private transient AvroSingleObjectCodec codec;
  private transient Counter rejected;

  public DecodeEvents(Pseudonymiser pseudonymiser, Clock clock) {
    this.pseudonymiser = pseudonymiser;
    this.clock = clock;
  }

  @Override
  public void open(OpenContext context) {
    codec = AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);
    rejected = getRuntimeContext().getMetricGroup().counter("eventsRejected");
  }

  @Override
  public void processElement(RawRecord raw, Context context, Collector<EnrichedEvent> out) {
    try {
      DisseminationEvent event = DisseminationEvent.fromGenericRecord(codec.decode(raw.value()));
      List<ValidationProblem> problems = event.validate(clock.instant());
      if (!problems.isEmpty()) {
        throw RejectedRecordException.of(problems);
      }
      out.collect(enrich(event));
    } catch (RejectedRecordException e) {
      rejected.inc();
      context.output(
          REJECTED, new RejectedRecord(raw, e.reason().name(), e.detail(), clock.millis()));
    } catch (RuntimeException e) {
      // A value the codec accepted but the record cannot hold: still a reject, never a crash.
      rejected.inc();
      context.output(
          REJECTED,
          new RejectedRecord(raw, "INVALID_VALUE", String.valueOf(e.getMessage()), clock.millis()));
    }
  }

  private EnrichedEvent enrich(DisseminationEvent event) {
    String userId = pseudonymiser.pseudonym(event.userId());
    String personId = pseudonymiser.pseudonym(event.personId());
    // Reach counts people: the cross-channel person when known, else the user on that channel.
    String reachKey =
        personId != null
            ? "p:" + personId
            : "u:" + pseudonymiser.pseudonym(event.channel().name() + ":" + event.userId());
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
        new HashMap<>(event.attributes()));
  }
}
