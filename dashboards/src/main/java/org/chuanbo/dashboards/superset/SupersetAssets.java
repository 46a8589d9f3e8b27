package org.chuanbo.dashboards.superset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ChuanboDashboards} as Superset's ImportV1 files — {@code datasets/chuanbo/*.yaml}, {@code
 * charts/*.yaml}, {@code dashboards/*.yaml} — the text committed under {@code
 * dashboards/superset/assets/} and zipped into the import bundle. Run {@code main} (or the test
 * {@code SupersetAssetsTest} with {@code -Dchuanbo.writeAssets=true}) after changing the catalog or
 * a dataset's SQL; the test fails while the committed files differ from what the catalog makes.
 */
public final class SupersetAssets {

  static final String VERSION = "1.0.0";
  static final String DATABASE_UUID = "5c1f2a4e-8b3d-4e61-9a0f-c4a2d7e1b901";
  private static final String HEADER =
      "# Generated from org.chuanbo.dashboards.superset.ChuanboDashboards and"
          + " dashboards/superset/datasets/*.sql;\n"
          + "# edit those and regenerate (dashboards/superset/README.md), not this file.\n";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .build());

  private SupersetAssets() {}

  /** Writes every generated file under {@code assets} (the module's dashboards/superset/assets). */
  public static void main(String[] args) throws IOException {
    Path assets = Path.of(args.length > 0 ? args[0] : "dashboards/superset/assets");
    Map<String, String> files = files();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = assets.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
    System.out.println("wrote " + files.size() + " files under " + assets);
  }

  /** Every generated file, by its path in the bundle. */
  public static Map<String, String> files() {
    Map<String, String> files = new TreeMap<>();
    for (SupersetDataset dataset : ChuanboDashboards.datasets()) {
      files.put("datasets/chuanbo/" + dataset.name() + ".yaml", yaml(dataset(dataset)));
    }
    for (SupersetDashboard dashboard : ChuanboDashboards.dashboards()) {
      for (SupersetChart chart : dashboard.charts()) {
        files.put("charts/" + chart.key() + ".yaml", yaml(chart(chart)));
      }
      files.put("dashboards/" + dashboard.slug() + ".yaml", yaml(dashboard(dashboard)));
    }
    return files;
  }

  private static Map<String, Object> dataset(SupersetDataset dataset) {
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("table_name", dataset.name());
    yaml.put(
        "main_dttm_col",
        dataset.columns().stream()
            .filter(SupersetDataset.Column::isTime)
            .map(SupersetDataset.Column::name)
            .findFirst()
            .orElse(null));
    yaml.put("description", dataset.description());
    yaml.put("default_endpoint", null);
    yaml.put("offset", 0);
    yaml.put("cache_timeout", null);
    yaml.put("catalog", null);
    yaml.put("schema", "chuanbo");
    yaml.put("sql", dataset.sql() + "\n");
    yaml.put("params", null);
    yaml.put("template_params", null);
    yaml.put("filter_select_enabled", true);
    yaml.put("fetch_values_predicate", null);
    yaml.put("extra", null);
    yaml.put("normalize_columns", false);
    yaml.put("always_filter_main_dttm", false);
    yaml.put("uuid", dataset.uuid().toString());
    List<Object> metrics = new ArrayList<>();
    for (SupersetDataset.Metric metric : dataset.metrics()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("metric_name", metric.name());
      m.put("verbose_name", metric.label());
      m.put("metric_type", null);
      m.put("expression", metric.expression());
      m.put("description", null);
      m.put("d3format", metric.format().isEmpty() ? null : metric.format());
      m.put("currency", null);
      m.put("extra", OrderedMap.of("warning_markdown", ""));
      m.put("warning_text", null);
      metrics.add(m);
    }
    yaml.put("metrics", metrics);
    List<Object> columns = new ArrayList<>();
    for (SupersetDataset.Column column : dataset.columns()) {
      boolean state = column.type().startsWith("AggregateFunction");
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("column_name", column.name());
      c.put("verbose_name", column.label());
      c.put("is_dttm", column.isTime());
      c.put("is_active", true);
      c.put("type", column.type());
      c.put("advanced_data_type", null);
      // A reach state is merged by the metrics, never grouped or filtered on.
      c.put("groupby", !state);
      c.put("filterable", !state);
      c.put("expression", null);
      c.put("description", null);
      c.put("python_date_format", null);
      c.put("extra", null);
      columns.add(c);
    }
    yaml.put("columns", columns);
    yaml.put("version", VERSION);
    yaml.put("database_uuid", DATABASE_UUID);
    return yaml;
  }

  private static Map<String, Object> chart(SupersetChart chart) {
    Map<String, Object> queryContext = new LinkedHashMap<>();
    queryContext.put("datasource", OrderedMap.of("id", 0, "type", "table"));
    queryContext.put("force", false);
    queryContext.put("queries", List.of(chart.query()));
    queryContext.put("form_data", chart.params());
    queryContext.put("result_format", "json");
    queryContext.put("result_type", "full");
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("slice_name", chart.title());
    yaml.put("description", null);
    yaml.put("certified_by", null);
    yaml.put("certification_details", null);
    yaml.put("viz_type", chart.viz());
    yaml.put("params", chart.params());
    yaml.put("query_context", json(queryContext));
    yaml.put("cache_timeout", null);
    yaml.put("uuid", chart.uuid().toString());
    yaml.put("version", VERSION);
    yaml.put("dataset_uuid", chart.dataset().uuid().toString());
    return yaml;
  }

  private static Map<String, Object> dashboard(SupersetDashboard dashboard) {
    Map<String, Object> position = new LinkedHashMap<>();
    position.put("DASHBOARD_VERSION_KEY", "v2");
    List<String> rowIds = new ArrayList<>();
    int rowNumber = 0;
    // The position's chart ids before import: Superset maps them to its own through the UUIDs.
    int chartNumber = 0;
    for (SupersetDashboard.Row row : dashboard.rows()) {
      String rowId = "ROW-" + dashboard.slug() + "-" + ++rowNumber;
      rowIds.add(rowId);
      List<String> chartIds = new ArrayList<>();
      for (SupersetDashboard.Cell cell : row.cells()) {
        String id = "CHART-" + cell.chart().key();
        chartIds.add(id);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", cell.width());
        meta.put("height", row.height());
        meta.put("chartId", ++chartNumber);
        meta.put("uuid", cell.chart().uuid().toString());
        meta.put("sliceName", cell.chart().title());
        position.put(id, node(id, "CHART", List.of(), List.of("ROOT_ID", "GRID_ID", rowId), meta));
      }
      position.put(
          rowId,
          node(
              rowId,
              "ROW",
              chartIds,
              List.of("ROOT_ID", "GRID_ID"),
              OrderedMap.of("background", "BACKGROUND_TRANSPARENT")));
    }
    position.put("GRID_ID", node("GRID_ID", "GRID", rowIds, List.of("ROOT_ID"), null));
    position.put(
        "HEADER_ID",
        OrderedMap.of(
            "id", "HEADER_ID", "type", "HEADER", "meta", OrderedMap.of("text", dashboard.title())));
    position.put("ROOT_ID", node("ROOT_ID", "ROOT", List.of("GRID_ID"), null, null));

    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("color_scheme", "supersetColors");
    metadata.put("refresh_frequency", dashboard.refreshSeconds());
    metadata.put("timed_refresh_immune_slices", List.of());
    metadata.put("expanded_slices", OrderedMap.of());
    metadata.put("label_colors", OrderedMap.of());
    metadata.put("shared_label_colors", List.of());
    metadata.put("color_scheme_domain", List.of());
    metadata.put("cross_filters_enabled", false);
    metadata.put("default_filters", "{}");
    metadata.put("chart_configuration", OrderedMap.of());
    List<Object> filters = new ArrayList<>();
    for (SupersetDashboard.SelectFilter filter : dashboard.filters()) {
      filters.add(nativeFilter(filter));
    }
    metadata.put("native_filter_configuration", filters);

    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("dashboard_title", dashboard.title());
    yaml.put("description", dashboard.description());
    yaml.put("css", "");
    yaml.put("slug", dashboard.slug());
    yaml.put("certified_by", null);
    yaml.put("certification_details", null);
    yaml.put("published", true);
    yaml.put("uuid", dashboard.uuid().toString());
    yaml.put("position", position);
    yaml.put("metadata", metadata);
    yaml.put("version", VERSION);
    return yaml;
  }

  private static Map<String, Object> nativeFilter(SupersetDashboard.SelectFilter filter) {
    Map<String, Object> controls = new LinkedHashMap<>();
    controls.put("enableEmptyFilter", true);
    controls.put("defaultToFirstItem", true);
    controls.put("multiSelect", false);
    controls.put("searchAllOptions", false);
    controls.put("inverseSelection", false);
    controls.put("sortAscending", false);
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("column", OrderedMap.of("name", filter.column()));
    target.put("datasetUuid", filter.dataset().uuid().toString());
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("id", "NATIVE_FILTER-" + filter.key());
    yaml.put("name", filter.name());
    yaml.put("filterType", "filter_select");
    yaml.put("type", "NATIVE_FILTER");
    yaml.put("description", "");
    yaml.put("controlValues", controls);
    yaml.put("sortMetric", filter.sortMetric());
    // The charts wait for the first value instead of drawing everything unfiltered first.
    yaml.put("requiredFirst", true);
    yaml.put("targets", List.of(target));
    yaml.put(
        "defaultDataMask",
        OrderedMap.of(
            "extraFormData",
            OrderedMap.of(),
            "filterState",
            OrderedMap.of(),
            "ownState",
            OrderedMap.of()));
    yaml.put("cascadeParentIds", List.of());
    yaml.put("scope", OrderedMap.of("rootPath", List.of("ROOT_ID"), "excluded", List.of()));
    yaml.put("tabsInScope", List.of());
    return yaml;
  }

  private static Map<String, Object> node(
      String id, String type, List<String> children, List<String> parents, Map<String, ?> meta) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("type", type);
    node.put("id", id);
    node.put("children", children);
    if (parents != null) {
      node.put("parents", parents);
    }
    if (meta != null) {
      node.put("meta", meta);
    }
    return node;
  }

  private static String json(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String yaml(Object value) {
    try {
      return HEADER + YAML.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
