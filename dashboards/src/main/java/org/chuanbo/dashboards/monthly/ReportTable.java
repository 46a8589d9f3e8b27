package org.chuanbo.dashboards.monthly;

import java.util.List;
import java.util.Optional;

/**
 * One section of the monthly report as a table, the one definition the XLSX sheet, the CSV file and
 * the PDF page are written from. Cells are {@code String}, {@code Long} (a count), {@code Double}
 * (a measure, one decimal shown), {@link Percent}, or null (nothing to show, e.g. a rate without
 * views).
 *
 * @param slug the file-name part of its CSV file ({@code kpi}, {@code offices}, …)
 * @param title its Chinese title, also the sheet name
 * @param chart the chart drawn from it, if any
 */
public record ReportTable(
    String slug,
    String title,
    List<String> headers,
    List<List<Object>> rows,
    Optional<ChartSpec> chart) {

  /** A chart of one value column against a category column. */
  public record ChartSpec(Kind kind, String title, int categoryColumn, int valueColumn) {

    public enum Kind {
      LINE,
      BAR
    }
  }

  public int column(String header) {
    int index = headers.indexOf(header);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + header + " in " + slug);
    }
    return index;
  }
}
