package org.chuanbo.dashboards.superset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One chart: what the browser draws from ({@link #params}, Superset's form data) and the query
 * Superset runs for it on its own — {@code GET /api/v1/chart/<id>/data/}, thumbnails, alerts —
 * ({@link #query}, the one query of its saved {@code query_context}, as the chart's viz plugin
 * would build it from the same form data). Built by the factories below, which check that every
 * column and metric named exists in the dataset.
 */
public record SupersetChart(
    String key,
    String title,
    String viz,
    SupersetDataset dataset,
    Map<String, Object> params,
    Map<String, Object> query) {

  /** Where the import bundle's charts point before Superset gives the dataset its id. */
  static final String DATASOURCE = "0__table";

  public UUID uuid() {
    return SupersetIds.uuid("chart", key);
  }

  /** One figure, large: a saved metric over the rows the conditions keep. */
  public static SupersetChart bigNumber(
      String key, String title, SupersetDataset dataset, String metric, List<String> where) {
    Map<String, Object> params = base("big_number_total", dataset, where);
    params.put("metric", metric(dataset, metric));
    params.put("header_font_size", 0.4);
    params.put("subheader_font_size", 0.15);
    params.put("y_axis_format", format(dataset, metric));
    params.put("time_format", "smart_date");
    Map<String, Object> query = query(where);
    query.put("columns", List.of());
    query.put("metrics", List.of(metric));
    query.put("orderby", List.of());
    query.put("row_limit", 1);
    return new SupersetChart(key, title, "big_number_total", dataset, params, query);
  }

  /** A table of saved metrics per group, sorted by one metric. */
  public static SupersetChart table(
      String key,
      String title,
      SupersetDataset dataset,
      List<String> groupby,
      List<String> metrics,
      String sortMetric,
      boolean descending,
      int rowLimit,
      List<String> where) {
    Map<String, Object> params = base("table", dataset, where);
    params.put("query_mode", "aggregate");
    params.put("groupby", columns(dataset, groupby));
    params.put("metrics", metrics(dataset, metrics));
    params.put("all_columns", List.of());
    params.put("percent_metrics", List.of());
    params.put("timeseries_limit_metric", metric(dataset, sortMetric));
    params.put("order_desc", descending);
    params.put("row_limit", rowLimit);
    params.put("server_page_length", 10);
    params.put("table_timestamp_format", "smart_date");
    params.put("show_cell_bars", false);
    params.put("color_pn", true);
    params.put("column_config", numberFormats(dataset, metrics));
    Map<String, Object> query = query(where);
    query.put("columns", groupby);
    List<String> queried = new ArrayList<>(metrics);
    if (!queried.contains(sortMetric)) {
      queried.add(sortMetric);
    }
    query.put("metrics", queried);
    query.put("orderby", List.of(List.of(sortMetric, !descending)));
    query.put("row_limit", rowLimit);
    return new SupersetChart(key, title, "table", dataset, params, query);
  }

  /** A table of the rows themselves, some columns, ordered by one of them. */
  public static SupersetChart rows(
      String key,
      String title,
      SupersetDataset dataset,
      List<String> shown,
      String orderBy,
      boolean descending,
      int rowLimit,
      List<String> where) {
    Map<String, Object> params = base("table", dataset, where);
    params.put("query_mode", "raw");
    params.put("all_columns", columns(dataset, shown));
    params.put("groupby", List.of());
    params.put("metrics", List.of());
    params.put(
        "order_by_cols", List.of("[\"" + column(dataset, orderBy) + "\", " + !descending + "]"));
    params.put("row_limit", rowLimit);
    params.put("server_page_length", 10);
    params.put("table_timestamp_format", "smart_date");
    Map<String, Object> query = query(where);
    query.put("columns", shown);
    query.put("metrics", List.of());
    query.put("orderby", List.of(List.of(orderBy, !descending)));
    query.put("row_limit", rowLimit);
    return new SupersetChart(key, title, "table", dataset, params, query);
  }

  /** Shares of a whole: one saved metric per group, largest first. */
  public static SupersetChart pie(
      String key,
      String title,
      SupersetDataset dataset,
      String groupby,
      String metric,
      List<String> where) {
    Map<String, Object> params = base("pie", dataset, where);
    params.put("groupby", columns(dataset, List.of(groupby)));
    params.put("metric", metric(dataset, metric));
    params.put("row_limit", 100);
    params.put("sort_by_metric", true);
    params.put("color_scheme", "supersetColors");
    params.put("show_labels", true);
    params.put("label_type", "key_percent");
    params.put("number_format", format(dataset, metric));
    params.put("show_legend", true);
    params.put("legendType", "scroll");
    params.put("legendOrientation", "top");
    params.put("donut", true);
    params.put("innerRadius", 30);
    params.put("outerRadius", 70);
    Map<String, Object> query = query(where);
    query.put("columns", List.of(groupby));
    query.put("metrics", List.of(metric));
    query.put("orderby", List.of(List.of(metric, false)));
    query.put("row_limit", 100);
    return new SupersetChart(key, title, "pie", dataset, params, query);
  }

  /**
   * Metrics along an x axis (a time column with a grain such as {@code P1D}, or any column with
   * {@code grain} null), one series per metric, or per value of {@code seriesBy} when given.
   */
  public static SupersetChart series(
      String key,
      String title,
      String viz,
      SupersetDataset dataset,
      String xAxis,
      String grain,
      List<String> metrics,
      String seriesBy,
      List<String> where) {
    Map<String, Object> params = base(viz, dataset, where);
    params.put("x_axis", column(dataset, xAxis));
    if (grain != null) {
      params.put("time_grain_sqla", grain);
    }
    params.put("metrics", metrics(dataset, metrics));
    params.put("groupby", seriesBy == null ? List.of() : columns(dataset, List.of(seriesBy)));
    params.put("row_limit", 10000);
    params.put("order_desc", true);
    params.put("comparison_type", "values");
    params.put("annotation_layers", List.of());
    params.put("color_scheme", "supersetColors");
    params.put("show_legend", true);
    params.put("legendType", "scroll");
    params.put("legendOrientation", "top");
    params.put("rich_tooltip", true);
    params.put("tooltipTimeFormat", "smart_date");
    params.put("x_axis_time_format", "smart_date");
    params.put("y_axis_format", format(dataset, metrics.get(0)));
    params.put("truncateYAxis", false);
    params.put("zoomable", false);
    params.put("markerEnabled", viz.endsWith("_line"));
    Map<String, Object> axis = new LinkedHashMap<>();
    if (grain != null) {
      axis.put("timeGrain", grain);
    }
    axis.put("columnType", "BASE_AXIS");
    axis.put("sqlExpression", xAxis);
    axis.put("label", xAxis);
    axis.put("expressionType", "SQL");
    List<Object> queryColumns = new ArrayList<>(List.of(axis));
    if (seriesBy != null) {
      queryColumns.add(seriesBy);
    }
    Map<String, Object> query = query(where);
    query.put("columns", queryColumns);
    query.put("metrics", metrics);
    query.put("orderby", List.of(List.of(metrics.get(0), false)));
    query.put("row_limit", 10000);
    query.put("series_columns", seriesBy == null ? List.of() : List.of(seriesBy));
    query.put("series_limit", 0);
    query.put("time_offsets", List.of());
    Map<String, Object> aggregates = new LinkedHashMap<>();
    metrics.forEach(metric -> aggregates.put(metric, OrderedMap.of("operator", "mean")));
    query.put(
        "post_processing",
        List.of(
            OrderedMap.of(
                "operation",
                "pivot",
                "options",
                OrderedMap.of(
                    "index",
                    List.of(xAxis),
                    "columns",
                    seriesBy == null ? List.of() : List.of(seriesBy),
                    "aggregates",
                    aggregates,
                    "drop_missing_columns",
                    false)),
            OrderedMap.of("operation", "flatten")));
    return new SupersetChart(key, title, viz, dataset, params, query);
  }

  private static Map<String, Object> base(String viz, SupersetDataset dataset, List<String> where) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("datasource", DATASOURCE);
    params.put("viz_type", viz);
    List<Object> filters = new ArrayList<>();
    for (String condition : where) {
      filters.add(
          OrderedMap.of(
              "expressionType",
              "SQL",
              "sqlExpression",
              condition,
              "clause",
              "WHERE",
              "filterOptionName",
              "filter_" + SupersetIds.uuid("filter", condition).toString().substring(0, 8)));
    }
    params.put("adhoc_filters", filters);
    return params;
  }

  private static Map<String, Object> query(List<String> where) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("filters", List.of());
    query.put(
        "extras",
        OrderedMap.of(
            "having",
            "",
            "where",
            String.join(" AND ", where.stream().map(c -> "(" + c + ")").toList())));
    query.put("applied_time_extras", OrderedMap.of());
    query.put("annotation_layers", List.of());
    query.put("order_desc", true);
    query.put("url_params", OrderedMap.of());
    query.put("custom_params", OrderedMap.of());
    query.put("custom_form_data", OrderedMap.of());
    return query;
  }

  private static String column(SupersetDataset dataset, String column) {
    if (!dataset.hasColumn(column)) {
      throw new IllegalArgumentException(dataset.name() + " has no column " + column);
    }
    return column;
  }

  private static List<String> columns(SupersetDataset dataset, List<String> columns) {
    return columns.stream().map(column -> column(dataset, column)).toList();
  }

  private static String metric(SupersetDataset dataset, String metric) {
    if (!dataset.hasMetric(metric)) {
      throw new IllegalArgumentException(dataset.name() + " has no metric " + metric);
    }
    return metric;
  }

  private static List<String> metrics(SupersetDataset dataset, List<String> metrics) {
    return metrics.stream().map(metric -> metric(dataset, metric)).toList();
  }

  private static String format(SupersetDataset dataset, String metric) {
    return dataset.metrics().stream()
        .filter(m -> m.name().equals(metric))
        .map(SupersetDataset.Metric::format)
        .findFirst()
        .orElse("SMART_NUMBER");
  }

  /** The table chart's per-column number formats, from the metrics' own. */
  private static Map<String, Object> numberFormats(SupersetDataset dataset, List<String> metrics) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (String metric : metrics) {
      config.put(metric, OrderedMap.of("d3NumberFormat", format(dataset, metric)));
    }
    return config;
  }
}
