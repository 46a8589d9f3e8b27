package org.chuanbo.dashboards.monthly;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.chuanbo.dashboards.console.ConsoleTable;

/**
 * The monthly report as one workbook: a sheet per section, the header row frozen, counts as {@code
 * #,##0}, measures {@code #,##0.0}, percentages {@code 0.00%}, columns as wide as their content,
 * and native Excel charts (drawn by Excel from the cells, so they follow any edit) for the daily
 * trend, the channel mix and the office ranking.
 */
public final class XlsxExport {

  /** Widest column, in characters: titles longer than this wrap nothing and are cut on screen. */
  private static final int MAX_COLUMN_CHARS = 48;

  private XlsxExport() {}

  public static Path write(MonthlyReport report, Path directory) {
    Path file = directory.resolve(report.fileStem() + ".xlsx");
    try (XSSFWorkbook workbook = workbook(report);
        OutputStream out = Files.newOutputStream(file)) {
      workbook.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
    return file;
  }

  static XSSFWorkbook workbook(MonthlyReport report) {
    XSSFWorkbook workbook = new XSSFWorkbook();
    workbook.getProperties().getCoreProperties().setTitle(PdfExport.title(report));
    Styles styles = new Styles(workbook);
    for (ReportTable table : MonthlyTables.of(report)) {
      XSSFSheet sheet = workbook.createSheet(table.title());
      fill(sheet, table, styles);
      table.chart().ifPresent(chart -> chart(sheet, table, chart));
    }
    return workbook;
  }

  private static void fill(XSSFSheet sheet, ReportTable table, Styles styles) {
    Row header = sheet.createRow(0);
    int[] widths = new int[table.headers().size()];
    for (int c = 0; c < table.headers().size(); c++) {
      Cell cell = header.createCell(c);
      cell.setCellValue(table.headers().get(c));
      cell.setCellStyle(styles.header);
      widths[c] = ConsoleTable.displayWidth(table.headers().get(c));
    }
    int r = 1;
    for (List<Object> values : table.rows()) {
      Row row = sheet.createRow(r++);
      for (int c = 0; c < values.size(); c++) {
        Object value = values.get(c);
        Cell cell = row.createCell(c);
        if (value instanceof Percent percent) {
          cell.setCellValue(percent.fraction());
          cell.setCellStyle(styles.percent);
          widths[c] = Math.max(widths[c], 9);
        } else if (value instanceof Double number) {
          cell.setCellValue(number);
          cell.setCellStyle(styles.decimal);
          widths[c] = Math.max(widths[c], String.format("%,.1f", number).length());
        } else if (value instanceof Number number) {
          cell.setCellValue(number.doubleValue());
          cell.setCellStyle(styles.count);
          widths[c] = Math.max(widths[c], String.format("%,d", number.longValue()).length());
        } else if (value != null) {
          cell.setCellValue(value.toString());
          widths[c] = Math.max(widths[c], ConsoleTable.displayWidth(value.toString()));
        }
      }
    }
    for (int c = 0; c < widths.length; c++) {
      sheet.setColumnWidth(c, (Math.min(widths[c], MAX_COLUMN_CHARS) + 2) * 256);
    }
    sheet.createFreezePane(0, 1);
  }

  /** A native chart to the right of the table, its series read from the table's cells. */
  private static void chart(XSSFSheet sheet, ReportTable table, ReportTable.ChartSpec spec) {
    int rows = table.rows().size();
    if (rows == 0) {
      return;
    }
    int left = table.headers().size() + 1;
    XSSFDrawing drawing = sheet.createDrawingPatriarch();
    XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, left, 1, left + 10, 22);
    XSSFChart chart = drawing.createChart(anchor);
    chart.setTitleText(spec.title());
    chart.setTitleOverlay(false);
    XDDFCategoryAxis categories = chart.createCategoryAxis(AxisPosition.BOTTOM);
    XDDFValueAxis values = chart.createValueAxis(AxisPosition.LEFT);
    values.setCrosses(AxisCrosses.AUTO_ZERO);
    XDDFDataSource<String> names =
        XDDFDataSourcesFactory.fromStringCellRange(
            sheet, new CellRangeAddress(1, rows, spec.categoryColumn(), spec.categoryColumn()));
    XDDFNumericalDataSource<Double> numbers =
        XDDFDataSourcesFactory.fromNumericCellRange(
            sheet, new CellRangeAddress(1, rows, spec.valueColumn(), spec.valueColumn()));
    XDDFChartData data;
    if (spec.kind() == ReportTable.ChartSpec.Kind.LINE) {
      data = chart.createData(ChartTypes.LINE, categories, values);
      XDDFLineChartData.Series series = (XDDFLineChartData.Series) data.addSeries(names, numbers);
      series.setSmooth(false);
      series.setTitle(table.headers().get(spec.valueColumn()), null);
    } else {
      data = chart.createData(ChartTypes.BAR, categories, values);
      ((XDDFBarChartData) data).setBarDirection(BarDirection.COL);
      data.addSeries(names, numbers).setTitle(table.headers().get(spec.valueColumn()), null);
    }
    data.setVaryColors(false);
    chart.plot(data);
  }

  /** The few cell styles a workbook shares (Excel limits how many a workbook may hold). */
  private static final class Styles {
    final CellStyle header;
    final CellStyle count;
    final CellStyle decimal;
    final CellStyle percent;

    Styles(XSSFWorkbook workbook) {
      Font bold = workbook.createFont();
      bold.setBold(true);
      header = workbook.createCellStyle();
      header.setFont(bold);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      header.setBorderBottom(BorderStyle.THIN);
      count = numeric(workbook, "#,##0");
      decimal = numeric(workbook, "#,##0.0");
      percent = numeric(workbook, "0.00%");
    }

    private static CellStyle numeric(XSSFWorkbook workbook, String format) {
      CellStyle style = workbook.createCellStyle();
      style.setDataFormat(workbook.createDataFormat().getFormat(format));
      return style;
    }
  }
}
