package org.chuanbo.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.chuanbo.generator.GeneratorSettings;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.StreamFile;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.kafka.local.RecordPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./chuanbo generate}: a realistic, deterministic stream into Kafka and/or a file. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a realistic, deterministic stream and sends it to Kafka (or a file with --to-file).",
      "Articles from the six offices, events on every channel, share chains, reposts, duplicates,",
      "late events, TV hourly batches and 0.1%% malformed records, the same for the same seed."
    })
final class GenerateCommand implements Runnable {

  @Option(
      names = "--days",
      defaultValue = "1",
      description = "Days of event time (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--seed",
      defaultValue = "20190103",
      description = "Seed; the same seed gives the same stream (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--rate",
      defaultValue = "1.0",
      description = "Average valid events per second of event time (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--start",
      description =
          "First day, yyyy-MM-dd in Asia/Shanghai (default: yesterday, so no event is in the future).")
  LocalDate start;

  @Option(
      names = "--to-file",
      description = "Write the stream to this file (JSON lines) instead of sending it.")
  Path file;

  @Option(
      names = "--kafka",
      description = "Kafka bootstrap servers (default: the running stack's, else 127.0.0.1:9092).")
  String kafka;

  @Override
  public void run() {
    GeneratorSettings settings = settings();
    if (file != null) {
      // Straight from the generator to the file: a long stream never has to fit in memory.
      try {
        long written = StreamFile.write(file, StreamGenerator.iterate(settings));
        System.out.printf("wrote %,d records to %s%n", written, file);
      } catch (IOException e) {
        throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
      }
      return;
    }
    List<OutgoingRecord> records = StreamGenerator.generate(settings);
    String bootstrap = kafka != null ? kafka : StackCommand.runningOrDefaultPorts().kafkaAddress();
    publish(bootstrap, records);
  }

  GeneratorSettings settings() {
    if (days < 1) {
      throw new IllegalArgumentException("--days must be at least 1");
    }
    if (!(rate > 0)) {
      throw new IllegalArgumentException("--rate must be positive");
    }
    return new GeneratorSettings(days, seed, rate, start != null ? start : firstOfLastDays(days));
  }

  /**
   * The first of the {@code days} days that ended at the last Shanghai midnight: all in the past.
   */
  static LocalDate firstOfLastDays(int days) {
    return LocalDate.now(GeneratorSettings.SHANGHAI).minusDays(days);
  }

  static void publish(String bootstrap, List<OutgoingRecord> records) {
    System.out.printf("sending %,d records to Kafka %s …%n", records.size(), bootstrap);
    try (RecordPublisher publisher = new RecordPublisher(bootstrap)) {
      publisher.publish(
          records.stream()
              .map(r -> new RecordPublisher.OutgoingBytes(r.topic(), r.key(), r.value()))
              .toList(),
          sent -> System.out.printf("\r  sent %,d / %,d", sent, records.size()));
    }
    System.out.println();
  }
}
