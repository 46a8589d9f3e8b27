package org.chuanbo.dashboards.superset;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One dashboard: its slug and Chinese title, its charts in rows (widths in Superset's 12 columns),
 * its native filters and how often it refreshes itself.
 */
public record SupersetDashboard(
    String slug,
    String title,
    String description,
    List<Row> rows,
    List<SelectFilter> filters,
    int refreshSeconds) {

  /** A row of charts, each as wide as it says, all {@code height} grid units tall. */
  public record Row(int height, List<Cell> cells) {}

  public record Cell(SupersetChart chart, int width) {}

  /**
   * A native filter that picks one value of a column, listing the values of {@code dataset} sorted
   * by a saved metric, and starting on the first of them; it applies to every chart of the
   * dashboard (each of whose datasets has the column).
   */
  public record SelectFilter(
      String key, String name, SupersetDataset dataset, String column, String sortMetric) {}

  public UUID uuid() {
    return SupersetIds.uuid("dashboard", slug);
  }

  public List<SupersetChart> charts() {
    List<SupersetChart> charts = new ArrayList<>();
    rows.forEach(row -> row.cells().forEach(cell -> charts.add(cell.chart())));
    return charts;
  }

  public static Row row(int height, Cell... cells) {
    int width = 0;
    for (Cell cell : cells) {
      width += cell.width();
    }
    if (width > 12) {
      throw new IllegalArgumentException("a row is 12 columns wide, not " + width);
    }
    return new Row(height, List.of(cells));
  }

  public static Cell cell(SupersetChart chart, int width) {
    return new Cell(chart, width);
  }
}
