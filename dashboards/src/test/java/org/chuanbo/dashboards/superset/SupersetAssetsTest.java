package org.chuanbo.dashboards.superset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The committed YAML under dashboards/superset/assets is what the catalog makes, and it is a bundle
 * Superset can resolve: every reference points at a file of the bundle.
 */
class SupersetAssetsTest {

  private static final Path ASSETS = Path.of("superset/assets");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void committedAssetsAreWhatTheCatalogMakes() throws Exception {
    Map<String, String> generated = SupersetAssets.files();
    if (Boolean.getBoolean("chuanbo.writeAssets")) {
      SupersetAssets.main(new String[] {ASSETS.toString()});
    }
    Map<String, String> committed = new TreeMap<>();
    for (String folder : List.of("charts", "dashboards", "datasets")) {
      try (Stream<Path> files = Files.walk(ASSETS.resolve(folder))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          committed.put(ASSETS.relativize(file).toString(), Files.readString(file));
        }
      }
    }
    assertThat(committed)
        .as(
            "dashboards/superset/assets differs from ChuanboDashboards: run"
                + " mvn -pl dashboards test -Dtest=SupersetAssetsTest -Dchuanbo.writeAssets=true")
        .isEqualTo(generated);
  }

  @Test
  void everyReferenceOfTheBundleResolves() throws Exception {
    Map<String, JsonNode> files =
        unzip(
            SupersetBundle.zip(SupersetBundle.Kind.DASHBOARDS, "chuanbo_reader", true, "ch:8123"));
    assertThat(files.get("metadata.yaml").get("type").asText()).isEqualTo("Dashboard");
    assertThat(files.get(SupersetBundle.DATABASE_FILE).get("sqlalchemy_uri").asText())
        .isEqualTo("clickhousedb://chuanbo_reader:XXXXXXXXXX@ch:8123/chuanbo");
    Set<String> databases = uuids(files, "databases/");
    Set<String> datasets = uuids(files, "datasets/");
    Set<String> charts = uuids(files, "charts/");
    Set<String> all = new HashSet<>();
    files.values().stream()
        .filter(yaml -> yaml.has("uuid"))
        .forEach(yaml -> assertThat(all.add(yaml.get("uuid").asText())).isTrue());
    files.forEach(
        (name, yaml) -> {
          if (name.startsWith("datasets/")) {
            assertThat(databases).contains(yaml.get("database_uuid").asText());
            for (JsonNode metric : yaml.get("metrics")) {
              assertThat(yaml.findValuesAsText("column_name"))
                  .as(name + ": metric named like a column")
                  .doesNotContain(metric.get("metric_name").asText());
            }
          }
          if (name.startsWith("charts/")) {
            assertThat(datasets).as(name).contains(yaml.get("dataset_uuid").asText());
            JsonNode context = json(yaml.get("query_context").asText());
            assertThat(context.get("queries")).as(name + " has a query").hasSize(1);
            assertThat(context.get("form_data")).isEqualTo(yaml.get("params"));
          }
          if (name.startsWith("dashboards/")) {
            yaml.get("position")
                .forEach(
                    node -> {
                      if (node.path("type").asText().equals("CHART")) {
                        assertThat(charts).as(name).contains(node.at("/meta/uuid").asText());
                      }
                    });
            yaml.at("/metadata/native_filter_configuration")
                .forEach(
                    filter ->
                        assertThat(datasets)
                            .contains(filter.at("/targets/0/datasetUuid").asText()));
          }
        });
    assertThat(files.keySet())
        .filteredOn(name -> name.startsWith("dashboards/"))
        .containsExactlyInAnyOrder(
            "dashboards/leaders.yaml",
            "dashboards/article.yaml",
            "dashboards/realtime.yaml",
            "dashboards/monthly.yaml",
            "dashboards/data-quality.yaml");
  }

  @Test
  void everyDatasetSqlFileIsUsed() throws Exception {
    Set<String> used = new HashSet<>();
    ChuanboDashboards.datasets().forEach(dataset -> used.add(dataset.name() + ".sql"));
    try (Stream<Path> files = Files.list(Path.of("superset/datasets"))) {
      assertThat(files.map(file -> file.getFileName().toString()).toList())
          .allMatch(used::contains);
    }
  }

  @Test
  void aDatasetBundleHoldsOnlyDatabasesAndDatasets() throws Exception {
    Map<String, JsonNode> files =
        unzip(SupersetBundle.zip(SupersetBundle.Kind.DATASETS, "default", false, "ch:8123"));
    assertThat(files.get("metadata.yaml").get("type").asText()).isEqualTo("SqlaTable");
    assertThat(files.keySet())
        .allMatch(
            name ->
                name.equals("metadata.yaml")
                    || name.startsWith("databases/")
                    || name.startsWith("datasets/"));
  }

  private static Set<String> uuids(Map<String, JsonNode> files, String folder) {
    Set<String> uuids = new HashSet<>();
    files.forEach(
        (name, yaml) -> {
          if (name.startsWith(folder)) {
            uuids.add(yaml.get("uuid").asText());
          }
        });
    assertThat(uuids).as(folder).isNotEmpty();
    return uuids;
  }

  private static Map<String, JsonNode> unzip(byte[] zip) throws Exception {
    Map<String, JsonNode> files = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        assertThat(entry.getName()).startsWith("chuanbo/");
        files.put(
            entry.getName().substring("chuanbo/".length()),
            YAML.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    return files;
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
