package org.chuanbo.dashboards.monthly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The monthly report as CSV: one file per section ({@code chuanbo-monthly-2026-10-hz-kpi.csv} …),
 * UTF-8 with a byte-order mark so Excel on Chinese Windows reads it as UTF-8, not GBK. Values are
 * plain: counts as integers, measures and percentages as decimals without grouping (a percentage as
 * its fraction, 0.0523 = 5.23%), nothing where there is no value.
 */
public final class CsvExport {

  static final char BYTE_ORDER_MARK = '\uFEFF';

  private CsvExport() {}

  /** Writes every section into {@code directory}; returns the files written, in section order. */
  public static List<Path> write(MonthlyReport report, Path directory) {
    List<Path> files = new ArrayList<>();
    for (ReportTable table : MonthlyTables.of(report)) {
      Path file = directory.resolve(report.fileStem() + "-" + table.slug() + ".csv");
      write(table, file);
      files.add(file);
    }
    return files;
  }

  static void write(ReportTable table, Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(BYTE_ORDER_MARK);
      CSVFormat format =
          CSVFormat.DEFAULT.builder().setHeader(table.headers().toArray(String[]::new)).get();
      try (CSVPrinter printer = new CSVPrinter(out, format)) {
        for (List<Object> row : table.rows()) {
          printer.printRecord(row.stream().map(CsvExport::text).toList());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  static String text(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof Percent percent) {
      return BigDecimal.valueOf(percent.fraction()).toPlainString();
    }
    if (cell instanceof Double value) {
      return BigDecimal.valueOf(value).toPlainString();
    }
    return cell.toString();
  }
}
