package org.chuanbo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.chuanbo.cli.superset.SupersetApi;

/** The imported charts as one reader sees them through Superset's chart data API. */
final class SupersetCharts {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A chart as imported: its id, its uuid (the one {@code SupersetChart.uuid()} gives it in the
   * bundle), title, and the dataset Superset gave it.
   */
  record Chart(int id, UUID uuid, String title, int datasetId, String datasetName) {}

  private final SupersetApi api;

  SupersetCharts(SupersetApi api) {
    this.api = api;
  }

  /** Every chart, with the dataset its saved query context reads. */
  List<Chart> all() throws Exception {
    List<Chart> charts = new ArrayList<>();
    for (JsonNode row : api.all("/api/v1/chart/")) {
      JsonNode chart = api.get("/api/v1/chart/" + row.get("id").asInt()).get("result");
      JsonNode context = JSON.readTree(chart.get("query_context").asText());
      int datasetId = context.at("/datasource/id").asInt();
      String datasetName =
          api.get("/api/v1/dataset/" + datasetId).at("/result/table_name").asText();
      charts.add(
          new Chart(
              row.get("id").asInt(),
              UUID.fromString(row.get("uuid").asText()),
              row.get("slice_name").asText(),
              datasetId,
              datasetName));
    }
    return charts;
  }

  /** {@code GET /api/v1/chart/<id>/data/}: the rows of the chart's saved query. */
  JsonNode data(Chart chart) throws Exception {
    return api.get("/api/v1/chart/" + chart.id() + "/data/").at("/result/0/data");
  }

  /**
   * {@code GET /api/v1/chart/<id>/data/?type=query}: the SQL Superset generates for the chart's
   * saved query context and this reader (row-level security included), without running it. It is
   * the text Superset then sends to ClickHouse, with a {@code ;} appended.
   */
  String query(Chart chart) throws Exception {
    JsonNode result = api.get("/api/v1/chart/" + chart.id() + "/data/?type=query").at("/result");
    if (result.size() != 1 || result.get(0).hasNonNull("error")) {
      throw new IllegalStateException(chart.title() + ": no single query: " + result);
    }
    return result.get(0).get("query").asText();
  }

  /** The rows of a saved chart's data as column → value maps. */
  List<Map<String, JsonNode>> rows(Chart chart) throws Exception {
    List<Map<String, JsonNode>> rows = new ArrayList<>();
    for (JsonNode row : data(chart)) {
      Map<String, JsonNode> values = new LinkedHashMap<>();
      row.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue()));
      rows.add(values);
    }
    return rows;
  }

  /**
   * The office codes this reader can reach through the chart's dataset: the same data API the
   * dashboards use, asking for the distinct office column (row-level security applies to it).
   */
  TreeSet<String> officesOf(Chart chart) throws Exception {
    return officesOf(chart, List.of());
  }

  /**
   * The office codes the chart's dataset holds for {@code office IN (value)}, the filter a
   * dashboard's native filter sends: the value must reach ClickHouse as a value, whatever it holds.
   */
  TreeSet<String> officesWhereOfficeIs(Chart chart, String value) throws Exception {
    return officesOf(chart, List.of(Map.of("col", "office", "op", "IN", "val", List.of(value))));
  }

  private TreeSet<String> officesOf(Chart chart, List<Map<String, Object>> filters)
      throws Exception {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("columns", List.of("office"));
    query.put("metrics", List.of());
    query.put("filters", filters);
    query.put("extras", Map.of("where", "", "having", ""));
    query.put("row_limit", 100000);
    query.put("is_timeseries", false);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("datasource", Map.of("id", chart.datasetId(), "type", "table"));
    body.put("force", true);
    body.put("queries", List.of(query));
    body.put("result_format", "json");
    body.put("result_type", "full");
    TreeSet<String> offices = new TreeSet<>();
    api.postJson("/api/v1/chart/data", body)
        .at("/result/0/data")
        .forEach(row -> offices.add(row.get("office").asText()));
    return offices;
  }
}
