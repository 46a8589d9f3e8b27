package org.chuanbo.cli.bench;

import java.time.LocalDate;
import java.util.List;
import org.chuanbo.generator.GeneratorSettings;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.kafka.local.RecordPublisher;
import org.chuanbo.schemas.Topics;

/**
 * Phase one: the generator's stream (as {@code ./chuanbo generate} makes it) loaded into Kafka
 * before anything is measured, so that the generator never competes with the job for the two cores.
 * The stream is one Shanghai day, the one before today, at the rate that gives about {@code events}
 * valid events; its facts (distinct valid events) are the oracle of the e2e phase.
 */
public final class KafkaLoad {

  private static final long SECONDS_PER_DAY = 86_400;

  /** What was loaded: the records sent and the events the job must end up storing. */
  public record Loaded(
      long recordsSent,
      long eventRecords,
      long distinctValidEvents,
      double seconds,
      LocalDate day) {}

  private KafkaLoad() {}

  public static Loaded run(String bootstrap, long events, long seed, Progress progress) {
    GeneratorSettings settings =
        new GeneratorSettings(
            1,
            seed,
            (double) events / SECONDS_PER_DAY,
            LocalDate.now(GeneratorSettings.SHANGHAI).minusDays(1));
    progress.line(
        "generating about %,d events (seed %d, day %s) …", events, seed, settings.start());
    List<OutgoingRecord> records = StreamGenerator.generate(settings);
    long distinctValid = DistinctValidEvents.count(records);
    long eventRecords = records.stream().filter(r -> r.topic().equals(Topics.EVENTS)).count();
    progress.line(
        "loading %,d records into Kafka %s (%,d distinct valid events) …",
        records.size(), bootstrap, distinctValid);
    long start = System.nanoTime();
    try (RecordPublisher publisher = new RecordPublisher(bootstrap)) {
      publisher.publish(
          records.stream()
              .map(r -> new RecordPublisher.OutgoingBytes(r.topic(), r.key(), r.value()))
              .toList(),
          sent -> {
            if (sent % 200_000 == 0 || sent == records.size()) {
              progress.line("  sent %,d / %,d", sent, records.size());
            }
          });
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Loaded(records.size(), eventRecords, distinctValid, seconds, settings.start());
  }
}
