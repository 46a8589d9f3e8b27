package org.chuanbo.cli.bench;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * The e2e oracle: how many rows {@code chuanbo.events} must end with — the distinct event ids of
 * the event records that decode and validate, by the rule {@code GeneratedStreamFacts} applies
 * (validated as of the record's send time). It counts only that one figure: the full facts also
 * rebuild every article's spread, which takes minutes for two million events.
 */
public final class DistinctValidEvents {

  private DistinctValidEvents() {}

  public static long count(Iterable<OutgoingRecord> records) {
    AvroSingleObjectCodec codec =
        AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);
    Set<String> seen = new HashSet<>();
    for (OutgoingRecord record : records) {
      if (!record.topic().equals(Topics.EVENTS)) {
        continue;
      }
      try {
        DisseminationEvent event =
            DisseminationEvent.fromGenericRecord(codec.decode(record.value()));
        if (event.validate(Instant.ofEpochMilli(record.sendAtMillis())).isEmpty()) {
          seen.add(event.eventId());
        }
      } catch (RejectedRecordException | RuntimeException e) {
        // Not an event the job can store (DecodeEvents rejects both): a dead letter, not a row.
      }
    }
    return seen.size();
  }
}
