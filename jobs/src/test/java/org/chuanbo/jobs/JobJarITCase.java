package org.chuanbo.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar the package phase built (target/chuanbo-jobs-*-job.jar) is what {@code flink run} and
 * the Kubernetes operator need: the job and everything it brings, and none of Flink, which the
 * cluster provides (two copies of Flink's classes in one JVM fail at run time, not at submit).
 */
class JobJarITCase {

  private static Path jar;
  private static List<String> entries;
  private static Manifest manifest;

  @BeforeAll
  static void openTheJar() throws IOException {
    jar = Path.of(System.getProperty("chuanbo.jobJar", "target/missing-job.jar"));
    assertThat(jar).as("the job jar built by the package phase").isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = file.stream().map(ZipEntry::getName).toList();
      manifest = file.getManifest();
    }
    assertThat(Files.size(jar)).as("a jar with its dependencies").isGreaterThan(1_000_000);
  }

  @Test
  void shouldNameTheJobAsItsMainClass() {
    assertThat(manifest.getMainAttributes().getValue("Main-Class"))
        .isEqualTo(DisseminationJob.class.getName());
    assertThat(entries).contains("org/chuanbo/jobs/DisseminationJob.class");
  }

  @Test
  void shouldCarryTheJobsDependencies() {
    assertThat(entries)
        .as("the Kafka connector, its base, the ClickHouse client, DataSketches, the schemas")
        .contains(
            "org/apache/flink/connector/kafka/source/KafkaSource.class",
            "org/apache/flink/connector/base/sink/writer/ElementConverter.class",
            "org/apache/kafka/clients/consumer/KafkaConsumer.class",
            "com/clickhouse/client/api/Client.class",
            "org/apache/datasketches/hll/HllSketch.class",
            "org/chuanbo/schemas/Topics.class",
            "chuanbo-job.properties");
    assertThat(entries)
        .as("the migrations and DI versions that travel with the job")
        .anyMatch(name -> name.startsWith("clickhouse/") && name.endsWith(".sql"))
        .anyMatch(name -> name.startsWith("dissemination-index/v"));
  }

  /**
   * The jar's main, with Flink's jars beside it as a cluster has them, stops on a bad setting or a
   * missing key with one line on stderr and status 2 — no stack trace to dig the cause out of.
   */
  @Test
  void shouldStopWithOneLineWhenTheSettingsAreWrong(@TempDir Path temp) throws Exception {
    Path settings = temp.resolve("chuanbo-job.properties");
    Files.writeString(settings, "dedupe.horizon=7 days\n");

    Run badValue = runMain(Map.of("CHUANBO_PSEUDONYM_KEY", "a-key-of-sixteen-or-more"), settings);
    assertThat(badValue.status()).isEqualTo(2);
    assertThat(badValue.stderr())
        .isEqualTo(
            "chuanbo job: dedupe.horizon=7 days (from "
                + settings
                + ") is not a duration; write a whole number and a unit: 500ms, 30s, 5min, 1h,"
                + " 7d\n");

    Run noKey = runMain(Map.of(), temp.resolve("chuanbo-job.properties"));
    assertThat(noKey.status()).isEqualTo(2);
    assertThat(noKey.stderr()).startsWith("chuanbo job: ").hasLineCount(1);
  }

  @Test
  void shouldLeaveFlinkToTheCluster() {
    assertThat(entries)
        .as("Flink's runtime, DataStream API, clients, RocksDB backend and logging")
        .noneMatch(
            name ->
                name.startsWith("org/apache/flink/runtime/")
                    || name.startsWith("org/apache/flink/streaming/api/environment/")
                    || name.startsWith("org/apache/flink/client/")
                    || name.startsWith("org/apache/flink/api/common/")
                    || name.startsWith("org/apache/flink/state/rocksdb/")
                    || name.startsWith("org/rocksdb/")
                    || name.startsWith("org/slf4j/"));
  }

  private record Run(int status, String stderr) {}

  /**
   * Runs the jar's main in a JVM of its own, with the job jar first on the class path and this
   * test's jars (Flink's among them) after it, {@code environment} as its only CHUANBO_ variables.
   */
  private static Run runMain(Map<String, String> environment, Path settings) throws Exception {
    List<String> classPath = new ArrayList<>();
    classPath.add(jar.toString());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.endsWith(".jar")) {
        classPath.add(entry);
      }
    }
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            String.join(File.pathSeparator, classPath),
            DisseminationJob.class.getName(),
            "--settings",
            settings.toString());
    builder.environment().keySet().removeIf(name -> name.startsWith("CHUANBO_"));
    builder.environment().putAll(environment);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), stderr);
  }
}
