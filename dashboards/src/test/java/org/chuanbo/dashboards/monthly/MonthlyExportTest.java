package org.chuanbo.dashboards.monthly;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The three writers on a report built by hand: every cell of every section comes back from the CSV
 * and the workbook, the workbook carries its charts and formats, the PDF carries its Chinese text
 * and every page renders (the pages are kept under target/monthly-pages/ to look at).
 */
class MonthlyExportTest {

  private static final Path OUT = Path.of("target", "monthly-export-test");

  @Test
  void shouldWriteEachSectionAsUtf8CsvWithByteOrderMarkThatReadsBackCellForCell()
      throws IOException {
    MonthlyReport report = SampleReport.cityWide();
    Path dir = Files.createDirectories(OUT.resolve("csv"));

    List<Path> files = CsvExport.write(report, dir);

    List<ReportTable> tables = MonthlyTables.of(report);
    assertThat(files).hasSize(tables.size());
    for (int t = 0; t < tables.size(); t++) {
      ReportTable table = tables.get(t);
      Path file = files.get(t);
      assertThat(file.getFileName().toString())
          .isEqualTo("chuanbo-monthly-2026-10-all-" + table.slug() + ".csv");
      byte[] bytes = Files.readAllBytes(file);
      assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
      List<CSVRecord> records = read(file);
      assertThat(records.get(0).toList()).isEqualTo(table.headers());
      assertThat(records).hasSize(table.rows().size() + 1);
      for (int r = 0; r < table.rows().size(); r++) {
        assertThat(records.get(r + 1).toList())
            .isEqualTo(table.rows().get(r).stream().map(CsvExport::text).toList());
      }
    }
    // Plain figures a spreadsheet reads as numbers: no grouping, percentages as fractions.
    List<CSVRecord> kpi = read(files.get(0));
    assertThat(kpi.get(1).toList()).containsExactly("阅读/播放量", "44500", "40000", "0.1125", "0", "");
  }

  @Test
  void shouldWriteAWorkbookWithASheetPerSectionFrozenHeadersFormatsAndNativeCharts()
      throws IOException {
    MonthlyReport report = SampleReport.cityWide();
    Path dir = Files.createDirectories(OUT.resolve("xlsx"));

    Path file = XlsxExport.write(report, dir);

    assertThat(file.getFileName().toString()).isEqualTo("chuanbo-monthly-2026-10-all.xlsx");
    List<ReportTable> tables = MonthlyTables.of(report);
    try (InputStream in = Files.newInputStream(file);
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      assertThat(workbook.getNumberOfSheets()).isEqualTo(tables.size());
      for (ReportTable table : tables) {
        XSSFSheet sheet = workbook.getSheet(table.title());
        assertThat(sheet).as(table.title()).isNotNull();
        assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
        assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
        Row header = sheet.getRow(0);
        for (int c = 0; c < table.headers().size(); c++) {
          assertThat(header.getCell(c).getStringCellValue()).isEqualTo(table.headers().get(c));
        }
        for (int r = 0; r < table.rows().size(); r++) {
          Row row = sheet.getRow(r + 1);
          List<Object> expected = table.rows().get(r);
          for (int c = 0; c < expected.size(); c++) {
            Object value = expected.get(c);
            if (value instanceof Percent p) {
              assertThat(row.getCell(c).getNumericCellValue()).isEqualTo(p.fraction());
              assertThat(row.getCell(c).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
            } else if (value instanceof Long n) {
              assertThat((long) row.getCell(c).getNumericCellValue()).isEqualTo(n);
              assertThat(row.getCell(c).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            } else if (value instanceof Double d) {
              assertThat(row.getCell(c).getNumericCellValue()).isEqualTo(d);
            } else if (value instanceof String s) {
              assertThat(row.getCell(c).getStringCellValue()).isEqualTo(s);
            }
          }
        }
        int charts = sheet.createDrawingPatriarch().getCharts().size();
        assertThat(charts).as(table.title()).isEqualTo(table.chart().isPresent() ? 1 : 0);
      }
      assertThat(
              workbook
                  .getSheet("每日趋势")
                  .createDrawingPatriarch()
                  .getCharts()
                  .get(0)
                  .getChartSeries()
                  .get(0)
                  .getClass()
                  .getSimpleName())
          .isEqualTo("XDDFLineChartData");
      assertThat(
              workbook
                  .getSheet("各渠道")
                  .createDrawingPatriarch()
                  .getCharts()
                  .get(0)
                  .getChartSeries()
                  .get(0)
                  .getClass()
                  .getSimpleName())
          .isEqualTo("XDDFBarChartData");
      assertThat(workbook.getSheet("各单位").getColumnWidth(1)).isGreaterThan(8 * 256);
    }
  }

  @Test
  void shouldWriteAnA4PdfWithTheChineseTitleOfficeNamesAndPageNumbersThatRenders()
      throws IOException {
    MonthlyReport report = SampleReport.cityWide();
    Path dir = Files.createDirectories(OUT.resolve("pdf"));

    Path file = PdfExport.write(report, dir);

    assertThat(file.getFileName().toString()).isEqualTo("chuanbo-monthly-2026-10-all.pdf");
    try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
      int pages = pdf.getNumberOfPages();
      assertThat(pages).isGreaterThanOrEqualTo(4);
      assertThat(pdf.getPage(0).getMediaBox().getWidth()).isEqualTo(595.27563f);
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text).contains("传播效果月报", "2026年10月", "全市（各单位合计）", "第 2 页，共 " + pages + " 页");
      assertThat(text).contains(SampleReport.OFFICE_NAMES);
      assertThat(text).contains("贺州先锋微信公众号", "新华网", "第一书记李芳", "Kafka 死信主题");
      PDFRenderer renderer = new PDFRenderer(pdf);
      Path pngs = Files.createDirectories(OUT.resolve("pdf-pages"));
      for (int i = 0; i < pages; i++) {
        BufferedImage image = renderer.renderImageWithDPI(i, 72);
        assertThat(image.getWidth()).isEqualTo(595);
        Path png = pngs.resolve("page-" + (i + 1) + ".png");
        ImageIO.write(image, "png", png.toFile());
        assertThat(png).isNotEmptyFile();
      }
    }
  }

  private static List<CSVRecord> read(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      assertThat(in.read()).isEqualTo(CsvExport.BYTE_ORDER_MARK);
      try (CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
        return parser.getRecords();
      }
    }
  }
}
