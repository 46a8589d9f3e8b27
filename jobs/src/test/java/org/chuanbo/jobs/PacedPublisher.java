package org.chuanbo.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.kafka.local.RecordPublisher;

/**
 * Sends generated records to Kafka stamped with their send times (so the minute each reached Kafka
 * is the one the oracle knows), either at once or paced in the background: a stream the job reads
 * while a failure happens to it, rather than a backlog it finds already there.
 */
public final class PacedPublisher {

  private static final int BATCH = 500;

  private PacedPublisher() {}

  /** Sends every record and waits until Kafka has them. */
  public static void publish(String bootstrapServers, List<OutgoingRecord> records) {
    try (RecordPublisher publisher = new RecordPublisher(bootstrapServers)) {
      publisher.publish(stamped(records), sent -> {});
    }
  }

  /** Sends the records in the background, {@value #BATCH} at a time, every {@code pauseMillis}. */
  public static CompletableFuture<Void> publishPaced(
      String bootstrapServers, List<OutgoingRecord> records, long pauseMillis) {
    return CompletableFuture.runAsync(
        () -> {
          try (RecordPublisher publisher = new RecordPublisher(bootstrapServers)) {
            for (int from = 0; from < records.size(); from += BATCH) {
              publisher.publish(
                  stamped(records.subList(from, Math.min(records.size(), from + BATCH))),
                  sent -> {});
              Thread.sleep(pauseMillis);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
          }
        });
  }

  private static List<RecordPublisher.OutgoingBytes> stamped(List<OutgoingRecord> records) {
    List<RecordPublisher.OutgoingBytes> bytes = new ArrayList<>(records.size());
    for (OutgoingRecord r : records) {
      bytes.add(new RecordPublisher.OutgoingBytes(r.topic(), r.key(), r.value(), r.sendAtMillis()));
    }
    return bytes;
  }
}
