package org.chuanbo.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.chuanbo.jobs.JobDeployment.StateBackend;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.spread.SpreadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSettingsFileTest {

  private static final String KEY = "0123456789abcdef-test-key";

  @TempDir Path temp;

  @Test
  void shouldDefaultToWhatJobSettingsDefaultsSay() {
    JobDeployment deployment = JobSettingsFile.bundled(Map.of());

    assertThat(deployment.job()).isEqualTo(JobSettings.defaults());
    assertThat(deployment.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(deployment.kafkaGroupId()).isEqualTo("chuanbo-dissemination");
    assertThat(deployment.clickHouse()).isEqualTo(ClickHouseEndpoint.local(8123));
    assertThat(deployment.stateBackend()).isEqualTo(StateBackend.ROCKSDB);
    assertThat(deployment.incrementalCheckpoints()).isTrue();
    assertThat(deployment.changelog())
        .isEqualTo(new JobDeployment.StateChangelog(false, Duration.ofMinutes(10)));
    assertThat(deployment.checkpointDirectory()).isEqualTo("file:///tmp/chuanbo/checkpoints");
    assertThat(deployment.retainedCheckpoints()).isEqualTo(3);
    assertThat(deployment.maxParallelism()).isEqualTo(256);
  }

  @Test
  void shouldParseEveryKey() throws IOException {
    Path file =
        write(
            """
            kafka.bootstrap-servers=kafka-0:9092,kafka-1:9092
            kafka.group-id=chuanbo-province
            clickhouse.url=https://clickhouse.example.org:8443
            clickhouse.user=chuanbo_writer
            state.backend=hashmap
            state.incremental=false
            state.changelog=true
            state.changelog.materialize-interval=5min
            checkpoint.directory=s3://chuanbo-flink/checkpoints
            checkpoint.interval=10s
            checkpoint.interval-during-backlog=1min
            checkpoint.retained=5
            parallelism.max=512
            events.out-of-orderness=7s
            events.idleness=2min
            window.early-firing=500ms
            window.allowed-lateness=2h
            dedupe.horizon=3d
            articles.wait=0s
            spread.emit-interval=5s
            spread.share-parent-wait=48h
            spread.max-pending-shares=2_000
            spread.exact-reach-limit=50000
            spread.exact-virality-limit=20000
            """);

    JobDeployment deployment = JobSettingsFile.read(file, Map.of());

    assertThat(deployment)
        .isEqualTo(
            new JobDeployment(
                "kafka-0:9092,kafka-1:9092",
                "chuanbo-province",
                new ClickHouseEndpoint("https://clickhouse.example.org:8443", "chuanbo_writer", ""),
                StateBackend.HASHMAP,
                false,
                new JobDeployment.StateChangelog(true, Duration.ofMinutes(5)),
                "s3://chuanbo-flink/checkpoints",
                5,
                512,
                new JobSettings(
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(7),
                    Duration.ofMinutes(2),
                    Duration.ofMillis(500),
                    Duration.ofHours(2),
                    Duration.ofDays(3),
                    Duration.ZERO,
                    null,
                    new SpreadSettings(
                        Duration.ofSeconds(5), Duration.ofHours(48), 2_000, 50_000, 20_000))));
  }

  @Test
  void shouldLayerAFileOverTheDefaults() throws IOException {
    JobDeployment deployment = JobSettingsFile.read(write("checkpoint.interval=10s\n"), Map.of());

    assertThat(deployment.job())
        .isEqualTo(JobSettings.defaults().withCheckpointInterval(Duration.ofSeconds(10)));
    assertThat(deployment.stateBackend()).isEqualTo(StateBackend.ROCKSDB);
  }

  @Test
  void shouldLetTheEnvironmentWinOverTheFile() throws IOException {
    Path file =
        write(
            """
            kafka.bootstrap-servers=from-file:9092
            clickhouse.url=http://from-file:8123
            clickhouse.user=from_file
            """);
    Map<String, String> environment =
        Map.of(
            "CHUANBO_KAFKA_BOOTSTRAP", "from-env:9092",
            "CHUANBO_CLICKHOUSE_URL", "http://from-env:8123",
            "CHUANBO_CLICKHOUSE_USER", "from_env",
            "CHUANBO_CLICKHOUSE_PASSWORD", "s3cret",
            "CHUANBO_PSEUDONYM_KEY", KEY);

    JobDeployment deployment = JobSettingsFile.read(file, environment);

    assertThat(deployment.kafkaBootstrapServers()).isEqualTo("from-env:9092");
    assertThat(deployment.clickHouse())
        .isEqualTo(new ClickHouseEndpoint("http://from-env:8123", "from_env", "s3cret"));
    assertThat(deployment.job().pseudonymKey()).isEqualTo(KEY);
    assertThat(deployment.requirePseudonymKey()).isSameAs(deployment);
  }

  @Test
  void shouldReadTheFileTheArgumentsName() throws IOException {
    Path file = write("kafka.group-id=from-arguments\n");

    assertThat(
            JobSettingsFile.fromArguments(new String[] {"--settings", file.toString()}, Map.of())
                .kafkaGroupId())
        .isEqualTo("from-arguments");
    assertThat(
            JobSettingsFile.fromArguments(new String[] {"--settings=" + file}, Map.of())
                .kafkaGroupId())
        .isEqualTo("from-arguments");
    assertThat(JobSettingsFile.fromArguments(new String[0], Map.of()))
        .isEqualTo(JobSettingsFile.bundled(Map.of()));
  }

  @Test
  void shouldSetFlinksOwnOptionsInOnePlace() {
    Map<String, String> options = JobSettingsFile.bundled(Map.of()).flinkConfiguration().toMap();

    assertThat(options)
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.incremental", "true")
        .containsEntry("execution.checkpointing.dir", "file:///tmp/chuanbo/checkpoints")
        .containsEntry("execution.checkpointing.num-retained", "3")
        .containsEntry(
            "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")
        .containsEntry("pipeline.max-parallelism", "256")
        .containsEntry("restart-strategy.type", "fixed-delay");
  }

  @Test
  void shouldLogStateChangesBesideTheCheckpointsAndClaimWhatItResumesFromWhenTheChangelogIsOn() {
    JobDeployment bundled = JobSettingsFile.bundled(Map.of());
    Map<String, String> off = bundled.flinkConfiguration().toMap();
    Map<String, String> on =
        bundled
            .withChangelog(bundled.changelog().on())
            .withCheckpointDirectory("file:///var/chuanbo/checkpoints/")
            .flinkConfiguration()
            .toMap();

    assertThat(off)
        .doesNotContainKeys("state.changelog.enabled", "execution.state-recovery.claim-mode");
    assertThat(on)
        .containsEntry("state.changelog.enabled", "true")
        .containsEntry("state.changelog.storage", "filesystem")
        .containsEntry(
            "state.changelog.dstl.dfs.base-path", "file:///var/chuanbo/checkpoints/changelog")
        .containsEntry("execution.state-recovery.claim-mode", "CLAIM")
        .containsKey("state.changelog.periodic-materialize.interval");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "dedupe.horizon|7 days|dedupe.horizon=7 days (from %s) is not a duration; write a whole number and a unit: 500ms, 30s, 5min, 1h, 7d",
        "checkpoint.interval|0s|checkpoint.interval=0s (from %s) must be longer than zero",
        "spread.max-pending-shares|ten thousand|spread.max-pending-shares=ten thousand (from %s) is not a whole number; write digits only, e.g. 100",
        "parallelism.max|40000|parallelism.max=40000 (from %s) is out of range; it must be between 1 and 32768",
        "state.incremental|yes|state.incremental=yes (from %s) is neither true nor false",
        "state.backend|forst|state.backend=forst (from %s) is not a state backend; write rocksdb or hashmap",
        "clickhouse.url|127.0.0.1:8123|clickhouse.url=127.0.0.1:8123 (from %s) is not an HTTP URL; write the HTTP interface, e.g. http://127.0.0.1:8123",
        "checkpoint.directory|/var/lib/chuanbo|checkpoint.directory=/var/lib/chuanbo (from %s) is not a URI with a scheme and a path; write e.g. file:///var/lib/chuanbo/checkpoints or s3://bucket/chuanbo/checkpoints",
        "kafka.group-id|''|kafka.group-id= (from %s) is empty; give it a value",
      })
  void shouldRefuseABadValueInOneLine(String key, String value, String message) throws IOException {
    Path file = write(key + "=" + value + "\n");

    assertThatThrownBy(() -> JobSettingsFile.read(file, Map.of()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(message.formatted(file))
        .message()
        .doesNotContain("\n");
  }

  @Test
  void shouldRefuseAnUnknownKey() throws IOException {
    Path file = write("kafka.bootstrap=kafka:9092\n");

    assertThatThrownBy(() -> JobSettingsFile.read(file, Map.of()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            file
                + ": unknown key kafka.bootstrap; the keys are those of the bundled"
                + " chuanbo-job.properties (jobs/README.md, \"Running on a Flink cluster\")");
  }

  @Test
  void shouldRefuseAMissingFile() {
    Path missing = temp.resolve("nowhere.properties");

    assertThatThrownBy(() -> JobSettingsFile.read(missing, Map.of()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("settings file " + missing + " does not exist; pass --settings");
  }

  @Test
  void shouldRefuseArgumentsOtherThanSettings() {
    assertThatThrownBy(() -> JobSettingsFile.fromArguments(new String[] {"--kafka", "x"}, Map.of()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "unexpected arguments --kafka x; the job takes only --settings FILE (a .properties"
                + " file, jobs/README.md)");
  }

  @Test
  void shouldRefuseAValueFromTheEnvironmentNamingTheVariable() {
    assertThatThrownBy(
            () -> JobSettingsFile.bundled(Map.of("CHUANBO_CLICKHOUSE_URL", "clickhouse:8123")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith(
            "clickhouse.url=clickhouse:8123 (from the environment variable CHUANBO_CLICKHOUSE_URL)");
  }

  @Test
  void shouldRequireAPseudonymKeyOutsideTheLocalStack() {
    assertThatThrownBy(() -> JobSettingsFile.bundled(Map.of()).requirePseudonymKey())
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "no pseudonymisation key: set the environment variable CHUANBO_PSEUDONYM_KEY to a"
                + " secret of 16 characters or more, and keep it for the life of the data (a new"
                + " key gives everyone new pseudonyms)");
    assertThatThrownBy(
            () ->
                JobSettingsFile.bundled(Map.of("CHUANBO_PSEUDONYM_KEY", "short"))
                    .requirePseudonymKey())
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "CHUANBO_PSEUDONYM_KEY has 5 characters; the pseudonymisation key needs 16 or more"
                + " (e.g. openssl rand -hex 32)");
  }

  /** The bundled file is the documentation: every key has a comment and a row in the README. */
  @Test
  void shouldDocumentEveryKey() throws IOException {
    List<String> lines;
    Properties bundled = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/" + JobSettingsFile.BUNDLED)) {
      byte[] bytes = in.readAllBytes();
      lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      bundled.load(new java.io.StringReader(new String(bytes, StandardCharsets.UTF_8)));
    }
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    for (String key : bundled.stringPropertyNames()) {
      int line = lines.indexOf(key + "=" + bundled.getProperty(key));
      assertThat(line).as("%s is on a line of its own", key).isPositive();
      assertThat(lines.get(line - 1)).as("the line before %s is a comment", key).startsWith("#");
      assertThat(readme).as("jobs/README.md documents %s", key).contains("| `" + key + "` |");
    }
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(temp, "settings", ".properties");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
