package org.chuanbo.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job jar the package phase built (target/chuanbo-jobs-*-job.jar) is what {@code flink run} and
 * the Kubernetes operator need: the job and everything it brings, and none of Flink, which the
 * cluster provides (two copies of Flink's classes in one JVM fail at run time, not at submit).
 */
class JobJarITCase {

  private static List<String> entries;
  private static Manifest manifest;

  @BeforeAll
  static void openTheJar() throws IOException {
    Path jar = Path.of(System.getProperty("chuanbo.jobJar", "target/missing-job.jar"));
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
}
