package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.chuanbo.cli.stack.StackCredentials;
import org.chuanbo.jobs.JobDeployment;
import org.chuanbo.jobs.JobSettingsFile;
import org.chuanbo.jobs.clickhouse.ClusterMigrations;
import org.chuanbo.jobs.clickhouse.ClusterMigrations.Placement;
import org.chuanbo.jobs.clickhouse.Migrations;
import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.tables.ArticleMinuteTable;
import org.chuanbo.jobs.tables.ArticleSpreadTable;
import org.chuanbo.jobs.tables.ArticleVersionsTable;
import org.chuanbo.jobs.tables.EventsTable;
import org.chuanbo.jobs.tables.IngestQualityMinuteTable;
import org.chuanbo.jobs.tables.PlatformCountReportsTable;
import org.chuanbo.jobs.tables.ShareCascadeTable;
import org.chuanbo.kafka.local.ContractTopics;
import org.chuanbo.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The production manifests of deploy/k8s parse, carry what production needs, and name what the code
 * names: the contract topics with their local settings, the job's tables, the stack's users, the
 * sizing table's numbers, and a cluster schema made from the same migrations.
 */
class ProductionManifestsTest {

  private static final Path K8S = Path.of("../k8s");
  private static final Path REQUIREMENTS = Path.of("../../dashboards/superset/requirements.lock");
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The sizing rules of README.md "Sizing" (estimates to revisit with the benchmark). */
  private static final double EVENTS_PER_SLOT = 3_400;

  private static final double HEADROOM = 1.5;
  private static final int SLOTS_PER_TASK_MANAGER = 2;

  /** The tables the job writes: DisseminationJob.Sinks.clickHouseAndKafka. */
  private static final List<RowMapping<?>> JOB_TABLES =
      List.of(
          EventsTable.MAPPING,
          ArticleMinuteTable.MAPPING,
          ArticleVersionsTable.MAPPING,
          PlatformCountReportsTable.MAPPING,
          ShareCascadeTable.MAPPING,
          ArticleSpreadTable.MAPPING,
          IngestQualityMinuteTable.MAPPING);

  @Test
  void shouldHoldOneResourceKindPerParsingFile() throws Exception {
    Map<String, Set<String>> kinds = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml")) {
          Set<String> fileKinds = new TreeSet<>();
          for (JsonNode document : yamlDocuments(name)) {
            fileKinds.add(document.path("kind").asText("helm values"));
          }
          kinds.put(name, fileKinds);
        } else if (name.endsWith(".xml")) {
          kinds.put(name, Set.of(xml(name).getDocumentElement().getTagName()));
        }
      }
    }
    assertThat(kinds)
        .containsOnly(
            Map.entry("flink-deployment.yaml", Set.of("FlinkDeployment")),
            Map.entry("job-settings.yaml", Set.of("ConfigMap")),
            Map.entry("kafka-topics.yaml", Set.of("KafkaTopic")),
            Map.entry("superset-values.yaml", Set.of("helm values")),
            Map.entry("clickhouse-users.xml", Set.of("clickhouse")),
            Map.entry("clickhouse-cluster.xml", Set.of("clickhouse")));
  }

  @Test
  void shouldDeployTheJobHighlyAvailableOnRocksDbWithCheckpointsInObjectStorage()
      throws IOException {
    JsonNode deployment = yamlDocuments("flink-deployment.yaml").get(0);
    JsonNode spec = deployment.path("spec");
    JsonNode config = spec.path("flinkConfiguration");

    assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
    config
        .properties()
        .forEach(
            setting ->
                assertThat(setting.getValue().isTextual())
                    .as(setting.getKey() + ": the CRD takes strings only; quote it")
                    .isTrue());
    assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
    assertThat(config.path("high-availability.type").asText()).isEqualTo("kubernetes");
    assertThat(config.path("high-availability.storageDir").asText()).startsWith("s3://");
    assertThat(config.path("state.backend.type").asText()).isEqualTo("rocksdb");
    assertThat(config.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
    assertThat(config.path("execution.checkpointing.dir").asText()).startsWith("s3://");
    assertThat(config.path("execution.checkpointing.savepoint-dir").asText()).startsWith("s3://");
    assertThat(config.path("execution.checkpointing.mode").asText()).isEqualTo("EXACTLY_ONCE");
    assertThat(config.path("execution.checkpointing.interval").asText()).isNotBlank();
    assertThat(config.path("s3.endpoint").asText()).startsWith("https://");
    assertThat(config.path("pipeline.max-parallelism").asInt())
        .isGreaterThanOrEqualTo(10 * spec.path("job").path("parallelism").asInt());
    assertThat(spec.path("jobManager").path("replicas").asInt()).isEqualTo(2);
    assertThat(spec.path("taskManager").path("resource").path("memory").asText()).isNotBlank();

    JsonNode job = spec.path("job");
    assertThat(job.path("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/chuanbo-job.jar");
    assertThat(job.path("entryClass").asText())
        .isEqualTo(org.chuanbo.jobs.DisseminationJob.class.getName());
    assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");

    Map<String, Integer> province = sizing().get("province");
    assertThat(job.path("parallelism").asInt()).isEqualTo(province.get("Flink parallelism"));
    assertThat(config.path("taskmanager.numberOfTaskSlots").asInt())
        .isEqualTo(SLOTS_PER_TASK_MANAGER);
    assertThat(province.get("TaskManagers") * SLOTS_PER_TASK_MANAGER)
        .isEqualTo(province.get("Flink parallelism"));
  }

  /**
   * The job sets its state backend, checkpoints and max parallelism itself, over the cluster's
   * configuration: the settings file the pods mount must say what flinkConfiguration says, or the
   * bundled local defaults (file:///tmp, 1 s) would win in production.
   */
  @Test
  void shouldPassTheJobASettingsFileThatAgreesWithTheClusterConfiguration(@TempDir Path temp)
      throws IOException {
    JsonNode settingsMap = yamlDocuments("job-settings.yaml").get(0);
    JsonNode spec = yamlDocuments("flink-deployment.yaml").get(0).path("spec");
    List<String> args = new ArrayList<>();
    spec.path("job").path("args").forEach(arg -> args.add(arg.asText()));
    assertThat(args).hasSize(2).first().isEqualTo("--settings");
    Path mounted = Path.of(args.get(1));
    JsonNode container = spec.path("podTemplate").path("spec").path("containers").get(0);
    JsonNode mount =
        StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
            .filter(m -> Path.of(m.path("mountPath").asText()).equals(mounted.getParent()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume mounted at " + mounted.getParent()));
    JsonNode volume =
        StreamSupport.stream(
                spec.path("podTemplate").path("spec").path("volumes").spliterator(), false)
            .filter(v -> v.path("name").asText().equals(mount.path("name").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(volume.path("configMap").path("name").asText())
        .isEqualTo(settingsMap.path("metadata").path("name").asText());
    String properties = settingsMap.path("data").path(mounted.getFileName().toString()).asText();
    assertThat(properties).as("the file the job is told to read").isNotBlank();

    Path file = Files.writeString(temp.resolve("job.properties"), properties);
    JobDeployment job =
        JobSettingsFile.read(file, Map.of(JobSettingsFile.PSEUDONYM_KEY_VARIABLE, "k".repeat(32)));
    Configuration cluster = new Configuration();
    spec.path("flinkConfiguration")
        .properties()
        .forEach(setting -> cluster.setString(setting.getKey(), setting.getValue().asText()));
    Configuration fromFile = job.flinkConfiguration();
    for (ConfigOption<?> option :
        List.of(
            StateBackendOptions.STATE_BACKEND,
            CheckpointingOptions.INCREMENTAL_CHECKPOINTS,
            CheckpointingOptions.CHECKPOINTS_DIRECTORY,
            CheckpointingOptions.MAX_RETAINED_CHECKPOINTS,
            CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
            PipelineOptions.MAX_PARALLELISM)) {
      assertThat(fromFile.get(option)).as(option.key()).isEqualTo(cluster.get(option));
    }
    assertThat(job.job().checkpointInterval())
        .as("execution.checkpointing.interval")
        .isEqualTo(cluster.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
  }

  @Test
  void shouldTakeTheJobsSecretsFromSecretsOnly() throws IOException {
    JsonNode container =
        yamlDocuments("flink-deployment.yaml")
            .get(0)
            .path("spec")
            .path("podTemplate")
            .path("spec")
            .path("containers")
            .get(0);
    Map<String, JsonNode> env = new LinkedHashMap<>();
    container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));

    for (String secret :
        List.of(
            "CHUANBO_PSEUDONYM_KEY",
            "CHUANBO_CLICKHOUSE_USER",
            "CHUANBO_CLICKHOUSE_PASSWORD",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY")) {
      assertThat(env).containsKey(secret);
      assertThat(env.get(secret).has("value")).as(secret).isFalse();
      assertThat(env.get(secret).path("valueFrom").path("secretKeyRef").path("name").asText())
          .as(secret)
          .isNotBlank();
    }
    assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
  }

  @Test
  void shouldDeclareEveryContractTopicWithItsLocalSettings() throws Exception {
    Map<String, JsonNode> topics = new LinkedHashMap<>();
    for (JsonNode topic : yamlDocuments("kafka-topics.yaml")) {
      assertThat(topic.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
      assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())
          .isNotBlank();
      topics.put(topic.path("spec").path("topicName").asText(), topic.path("spec"));
    }

    assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(contractTopicNames());
    int provincePartitions = sizing().get("province").get("Kafka partitions");
    for (NewTopic local : ContractTopics.definitions(provincePartitions)) {
      JsonNode topic = topics.get(local.name());
      assertThat(topic.path("partitions").asInt())
          .as(local.name())
          .isEqualTo(local.numPartitions());
      assertThat(topic.path("replicas").asInt()).as(local.name()).isGreaterThanOrEqualTo(3);
      Map<String, String> configs = local.configs() == null ? Map.of() : local.configs();
      for (Map.Entry<String, String> setting : configs.entrySet()) {
        assertThat(topic.path("config").path(setting.getKey()).asText())
            .as(local.name() + " " + setting.getKey())
            .isEqualTo(setting.getValue());
      }
      if (!configs.containsKey(TopicConfig.CLEANUP_POLICY_CONFIG)) {
        assertThat(topic.path("config").path(TopicConfig.CLEANUP_POLICY_CONFIG).asText("delete"))
            .as(local.name() + " is compacted only where the local definition compacts it")
            .isEqualTo("delete");
      }
    }
  }

  @Test
  void shouldSizeByTheRulesOfTheSizingTable() throws IOException {
    Map<String, Map<String, Integer>> rows = sizing();

    assertThat(rows).containsOnlyKeys("city", "province");
    for (Map.Entry<String, Map<String, Integer>> row : rows.entrySet()) {
      Map<String, Integer> values = row.getValue();
      int slotsNeeded = (int) Math.ceil(values.get("peak events/s") * HEADROOM / EVENTS_PER_SLOT);
      int parallelism =
          Math.max(1, (slotsNeeded + SLOTS_PER_TASK_MANAGER - 1) / SLOTS_PER_TASK_MANAGER)
              * SLOTS_PER_TASK_MANAGER;
      assertThat(values.get("Flink parallelism")).as(row.getKey()).isEqualTo(parallelism);
      assertThat(values.get("Kafka partitions")).as(row.getKey()).isEqualTo(2 * parallelism);
      assertThat(values.get("TaskManagers"))
          .as(row.getKey())
          .isEqualTo(parallelism / SLOTS_PER_TASK_MANAGER);
    }
    assertThat(rows.get("city").get("Kafka partitions"))
        .as("the local stack is the city")
        .isEqualTo(ContractTopics.DEFAULT_EVENT_PARTITIONS);
  }

  @Test
  void shouldDefineTheStacksUsersWithTheLeastTheyNeed() throws Exception {
    Document users = xml("clickhouse-users.xml");
    Map<String, Element> byName = children(first(users, "users"));

    assertThat(byName)
        .containsKeys(StackCredentials.ADMIN, StackCredentials.WRITER, StackCredentials.READER);
    for (String user :
        List.of(StackCredentials.ADMIN, StackCredentials.WRITER, StackCredentials.READER)) {
      Element password = child(byName.get(user), "password_sha256_hex");
      assertThat(password.getTextContent()).as(user + ": no password in the file").isBlank();
      assertThat(password.getAttribute("from_env")).as(user).isNotBlank();
      assertThat(child(byName.get(user), "profile").getTextContent()).isEqualTo(user);
    }

    Map<String, Placement> placements =
        ClusterMigrations.of("chuanbo", Migrations.bundled().all()).placements();
    Set<String> expectedWriterTables = new TreeSet<>();
    for (RowMapping<?> table : JOB_TABLES) {
      expectedWriterTables.add(table.table());
      if (placements.get(table.table()) == Placement.SHARDED) {
        expectedWriterTables.add(table.table() + ClusterMigrations.LOCAL_SUFFIX);
      }
    }
    assertThat(grants(byName.get(StackCredentials.WRITER), "INSERT"))
        .containsExactlyElementsOf(expectedWriterTables);
    assertThat(grants(byName.get(StackCredentials.WRITER), "SELECT")).isEmpty();
    assertThat(grants(byName.get(StackCredentials.READER), "SELECT")).containsExactly("chuanbo.*");
    assertThat(grants(byName.get(StackCredentials.READER), "INSERT")).isEmpty();
    Set<String> clusterTables = new HashSet<>();
    placements.forEach(
        (table, placement) -> {
          clusterTables.add(table);
          if (placement == Placement.SHARDED) {
            clusterTables.add(table + ClusterMigrations.LOCAL_SUFFIX);
          }
        });
    assertThat(clusterTables).as("every granted table exists").containsAll(expectedWriterTables);

    Map<String, Element> profiles = children(first(users, "profiles"));
    Element reader = profiles.get(StackCredentials.READER);
    assertThat(child(reader, "readonly").getTextContent()).isIn("1", "2");
    assertThat(
            child(child(reader, "constraints"), "readonly")
                .getElementsByTagName("readonly")
                .getLength())
        .as("the reader cannot lift readonly")
        .isEqualTo(1);
    Element writer = profiles.get(StackCredentials.WRITER);
    for (String setting :
        List.of(
            "distributed_foreground_insert",
            "insert_deduplicate",
            "deduplicate_blocks_in_dependent_materialized_views")) {
      assertThat(child(writer, setting).getTextContent()).as(setting).isEqualTo("1");
      assertThat(
              child(child(writer, "constraints"), setting)
                  .getElementsByTagName("readonly")
                  .getLength())
          .as(setting + " cannot be changed by a query")
          .isEqualTo(1);
    }
  }

  @Test
  void shouldDescribeAClusterWhoseShardsReplicateInternally() throws Exception {
    Element cluster = first(xml("clickhouse-cluster.xml"), "remote_servers");
    Map<String, Element> clusters = children(cluster);
    assertThat(clusters).containsOnlyKeys("chuanbo");

    List<Element> shards = elements(clusters.get("chuanbo").getElementsByTagName("shard"));
    Map<String, Integer> province = sizing().get("province");
    assertThat(shards).hasSize(province.get("ClickHouse shards"));
    for (Element shard : shards) {
      assertThat(child(shard, "internal_replication").getTextContent()).isEqualTo("true");
      assertThat(shard.getElementsByTagName("replica").getLength())
          .isEqualTo(province.get("ClickHouse replicas"));
    }
    assertThat(child(clusters.get("chuanbo"), "secret").getAttribute("from_env")).isNotBlank();
    assertThat(Files.readString(K8S.resolve("README.md")))
        .contains("./chuanbo migrate --cluster chuanbo --print");
  }

  @Test
  void shouldPrintAClusterSchemaWithEveryTableOfTheMigrations() {
    CommandRun run = CommandRun.of("migrate", "--cluster", "chuanbo", "--print");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Pattern created =
        Pattern.compile(
            "CREATE (?:TABLE|VIEW|MATERIALIZED VIEW) IF NOT EXISTS (\\w+\\.\\w+)\\s",
            Pattern.MULTILINE);
    Set<String> plain = new TreeSet<>();
    Matcher inMigrations =
        created.matcher(
            Migrations.bundled().all().stream()
                .map(Migrations.Migration::sql)
                .reduce("", String::concat));
    while (inMigrations.find()) {
      plain.add(inMigrations.group(1));
    }
    Set<String> onCluster = new TreeSet<>();
    Matcher inOutput =
        Pattern.compile(
                "CREATE (?:TABLE|VIEW|MATERIALIZED VIEW) IF NOT EXISTS (\\w+\\.\\w+) ON CLUSTER chuanbo")
            .matcher(run.out());
    while (inOutput.find()) {
      onCluster.add(inOutput.group(1));
    }

    assertThat(plain).hasSizeGreaterThan(10);
    assertThat(onCluster).containsAll(plain);
  }

  @Test
  void shouldRunSupersetAsTheLocalStackWithTheReadOnlyUser() throws IOException {
    JsonNode values = yamlDocuments("superset-values.yaml").get(0);
    Map<String, String> pinned = pinnedPackages();

    assertThat(values.path("image").path("tag").asText()).isEqualTo(pinned.get("apache_superset"));
    assertThat(values.path("bootstrapScript").asText())
        .contains("clickhouse-connect==" + pinned.get("clickhouse-connect"));
    assertThat(values.path("extraEnv").path("CHUANBO_CLICKHOUSE_USER").asText())
        .isEqualTo(StackCredentials.READER);
    JsonNode password = null;
    for (JsonNode variable : values.path("extraEnvRaw")) {
      if (variable.path("name").asText().equals("CHUANBO_CLICKHOUSE_PASSWORD")) {
        password = variable;
      }
    }
    assertThat(password).isNotNull();
    assertThat(password.path("valueFrom").path("secretKeyRef").path("name").asText()).isNotBlank();
    assertThat(values.path("extraSecretEnv").isMissingNode()).isTrue();
    StringBuilder overrides = new StringBuilder();
    values.path("configOverrides").forEach(o -> overrides.append(o.asText()));
    assertThat(overrides.toString())
        .contains("SQLALCHEMY_CUSTOM_PASSWORD_STORE")
        .contains("os.environ[\"CHUANBO_CLICKHOUSE_PASSWORD\"]");
    assertThat(values.path("init").path("createAdmin").asBoolean(true)).isFalse();
  }

  /**
   * The sizing table of README.md, by row: each numeric column (shards × replicas split in two).
   */
  private static Map<String, Map<String, Integer>> sizing() throws IOException {
    List<String> lines = Files.readAllLines(K8S.resolve("README.md"));
    int header = 0;
    while (!lines.get(header).startsWith("| row |")) {
      header++;
    }
    List<String> columns = cells(lines.get(header));
    Map<String, Map<String, Integer>> rows = new LinkedHashMap<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      List<String> cells = cells(lines.get(i));
      Map<String, Integer> row = new LinkedHashMap<>();
      for (int c = 1; c < columns.size(); c++) {
        String value = cells.get(c).replace(",", "");
        if (columns.get(c).equals("ClickHouse shards × replicas")) {
          String[] parts = value.split("×");
          row.put("ClickHouse shards", Integer.parseInt(parts[0].strip()));
          row.put("ClickHouse replicas", Integer.parseInt(parts[1].strip()));
        } else if (value.matches("\\d+")) {
          row.put(columns.get(c), Integer.parseInt(value));
        }
      }
      rows.put(cells.get(0), row);
    }
    return rows;
  }

  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
      cells.add(cell.strip());
    }
    return cells;
  }

  private static Set<String> contractTopicNames() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Field field : Topics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        names.add((String) field.get(null));
      }
    }
    return names;
  }

  /** The tables a user's grants give {@code privilege} on. */
  private static Set<String> grants(Element user, String privilege) {
    Set<String> tables = new TreeSet<>();
    Pattern grant = Pattern.compile("GRANT (.+) ON (\\S+)");
    for (Element query : elements(child(user, "grants").getElementsByTagName("query"))) {
      Matcher m = grant.matcher(query.getTextContent().strip());
      assertThat(m.matches()).as(query.getTextContent()).isTrue();
      for (String granted : m.group(1).split(",")) {
        if (granted.strip().equals(privilege)) {
          tables.add(m.group(2));
        }
      }
    }
    return tables;
  }

  private static Map<String, String> pinnedPackages() throws IOException {
    Map<String, String> pinned = new LinkedHashMap<>();
    for (String line : Files.readAllLines(REQUIREMENTS)) {
      int at = line.indexOf("==");
      if (!line.startsWith("#") && at > 0) {
        pinned.put(line.substring(0, at).strip(), line.substring(at + 2).strip());
      }
    }
    return pinned;
  }

  private static List<JsonNode> yamlDocuments(String name) throws IOException {
    try (MappingIterator<JsonNode> documents =
        YAML.readerFor(JsonNode.class).readValues(K8S.resolve(name).toFile())) {
      return documents.readAll();
    }
  }

  private static Document xml(String name) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(K8S.resolve(name).toFile());
  }

  private static Element first(Document document, String tag) {
    return (Element) document.getElementsByTagName(tag).item(0);
  }

  private static Element child(Element parent, String tag) {
    Element found = children(parent).get(tag);
    assertThat(found).as(parent.getTagName() + " has <" + tag + ">").isNotNull();
    return found;
  }

  private static Map<String, Element> children(Element parent) {
    Map<String, Element> children = new LinkedHashMap<>();
    for (int i = 0; i < parent.getChildNodes().getLength(); i++) {
      if (parent.getChildNodes().item(i) instanceof Element element) {
        children.put(element.getTagName(), element);
      }
    }
    return children;
  }

  private static List<Element> elements(NodeList nodes) {
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      elements.add((Element) nodes.item(i));
    }
    return elements;
  }
}
