package org.chuanbo.kafka.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * The one-time format of a KRaft log directory ({@code kafka-storage.sh format}), and the cluster
 * id it wrote.
 *
 * <p>A directory is formatted once, at its first start; later starts keep its data. The format runs
 * in a child JVM because {@code StorageTool} ends with {@code System.exit}. With {@code
 * controller.quorum.voters} set, the voter set is static and the format takes no {@code
 * --standalone}.
 */
final class KraftStorage {

  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

  private KraftStorage() {}

  static boolean isFormatted(BrokerDirectory directory) {
    return Files.exists(directory.metaProperties());
  }

  static void format(BrokerDirectory directory) {
    String clusterId = Uuid.randomUuid().toString();
    Path log = directory.formatLog();
    ProcessBuilder format =
        ChildJvm.command(
                "kafka.tools.StorageTool",
                // A short-lived tool: a small heap and the quick compiler start it fastest.
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                List.of(
                    "format",
                    "--cluster-id",
                    clusterId,
                    "--config",
                    directory.serverProperties().toString(),
                    // A format interrupted after meta.properties was written is complete enough.
                    "--ignore-formatted"))
            .directory(directory.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Process process;
    try {
      process = format.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the Kafka storage format", e);
    }
    try {
      if (!process.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "formatting Kafka storage in "
                + directory.logDirectory()
                + " took over "
                + FORMAT_TIMEOUT.toSeconds()
                + " s; see "
                + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting Kafka storage", e);
    } finally {
      process.destroyForcibly(); // a no-op once it exited
    }
    if (process.exitValue() != 0 || !isFormatted(directory)) {
      String cause = StartupCause.in(log, 0).orElse("exit code " + process.exitValue());
      throw new IllegalStateException(
          "formatting Kafka storage in "
              + directory.logDirectory()
              + " failed: "
              + cause
              + " (log: "
              + log
              + ")");
    }
  }

  static String clusterId(BrokerDirectory directory) {
    Properties meta = new Properties();
    try (Reader reader = Files.newBufferedReader(directory.metaProperties())) {
      meta.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + directory.metaProperties(), e);
    }
    String clusterId = meta.getProperty("cluster.id");
    if (clusterId == null) {
      throw new IllegalStateException("no cluster.id in " + directory.metaProperties());
    }
    return clusterId;
  }
}
