package org.chuanbo.dashboards.monthly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.chuanbo.dashboards.console.ShanghaiTime;

/**
 * The monthly report as a PDF to print and file: A4, a title page, the key figures against last
 * month and last year, the data-quality note, the charts (daily trend, channel mix, office ranking)
 * drawn as vector graphics in black and greys so they read on a black-and-white printer, the
 * tables, and page numbers. Chinese text is set in WenQuanYi Micro Hei, a subset of it embedded, so
 * the file reads the same on a machine without the font.
 */
public final class PdfExport {

  /** Debian's {@code fonts-wqy-microhei}; the project's scripts install it (.ci/run). */
  public static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

  private PdfExport() {}

  /** Fails in one line that says how to install the font, before anything is queried. */
  public static void requireFont() {
    if (!Files.isReadable(CJK_FONT)) {
      throw new IllegalStateException(
          "the PDF needs the font "
              + CJK_FONT
              + "; install it with 'sudo apt-get install -y fonts-wqy-microhei'"
              + " (or leave pdf out of --format)");
    }
  }

  /** {@code 贺州市 2026年10月 传播效果月报}: the document's title, also the workbook's. */
  static String title(MonthlyReport report) {
    return report.scope().displayName() + " " + report.month().label() + " 传播效果月报";
  }

  public static Path write(MonthlyReport report, Path directory) {
    requireFont();
    Path file = directory.resolve(report.fileStem() + ".pdf");
    try (TrueTypeCollection fonts = new TrueTypeCollection(CJK_FONT.toFile());
        PDDocument document = new PDDocument()) {
      TrueTypeFont microHei = firstFont(fonts);
      PDType0Font font = PDType0Font.load(document, microHei, true);
      document.getDocumentInformation().setTitle(title(report));
      document.getDocumentInformation().setCreator("chuanbo report monthly");
      PdfLayout layout = new PdfLayout(document, font);
      titlePage(layout, report);
      body(layout, report);
      layout.close();
      layout.numberPages(title(report));
      document.save(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private static TrueTypeFont firstFont(TrueTypeCollection fonts) throws IOException {
    List<TrueTypeFont> found = new ArrayList<>();
    fonts.processAllFonts(found::add);
    // The collection holds the proportional face first, then the monospaced one.
    return found.stream().filter(f -> !name(f).contains("Mono")).findFirst().orElse(found.get(0));
  }

  private static String name(TrueTypeFont font) {
    try {
      return font.getName();
    } catch (IOException e) {
      return "";
    }
  }

  private static void titlePage(PdfLayout layout, MonthlyReport report) throws IOException {
    layout.newPage();
    float centre = PdfLayout.WIDTH / 2;
    layout.centred("贺州市党建融媒体中心", centre, 640, 16, 0.25f);
    layout.centred("传播效果月报", centre, 590, 34, 0f);
    layout.rule(PdfLayout.MARGIN + 80, 565, PdfLayout.WIDTH - PdfLayout.MARGIN - 80, 1.2f);
    layout.centred(report.scope().displayName(), centre, 520, 22, 0f);
    layout.centred(report.month().label(), centre, 485, 18, 0f);
    layout.centred(
        "统计期间："
            + report.month().firstDay()
            + " 00:00 至 "
            + report.month().lastDay()
            + " 24:00（北京时间）",
        centre,
        455,
        10.5f,
        0.2f);
    String scope =
        report.scope() == ReportScope.ALL
            ? "范围：全市各单位（市本级、各区、各县）的全部稿件"
            : "范围：仅" + report.scope().displayName() + "发布的稿件";
    layout.centred(scope, centre, 435, 10.5f, 0.2f);
    String generated =
        "生成时间："
            + ShanghaiTime.minute(report.generatedAt())
            + "（数据来源：ClickHouse chuanbo 库，./chuanbo report monthly）";
    layout.centred(generated, centre, 415, 9, 0.35f);
    float y = 330;
    layout.text("目录", PdfLayout.MARGIN + 100, y, 12, 0f);
    String[] contents = {
      "一、概况（本月、上月、去年同月）与数据说明",
      "二、图表：每日趋势、渠道构成、各单位排名",
      "三、各单位、各渠道、各栏目",
      "四、传播力指数前 " + MonthlyReportQuery.TOP_PIECES + " 的稿件",
      "五、转载媒体与传播层级"
    };
    for (String line : contents) {
      y -= 20;
      layout.text(line, PdfLayout.MARGIN + 115, y, 10.5f, 0.15f);
    }
  }

  private static void body(PdfLayout layout, MonthlyReport report) throws IOException {
    List<ReportTable> tables = MonthlyTables.of(report);
    ReportTable kpi = tables.get(0);
    ReportTable offices = tables.get(1);
    ReportTable channels = tables.get(2);
    ReportTable series = tables.get(3);
    ReportTable daily = tables.get(4);
    ReportTable top = tables.get(5);
    ReportTable outlets = tables.get(6);
    ReportTable depth = tables.get(7);
    ReportTable quality = tables.get(8);

    layout.newPage();
    layout.heading("一、概况");
    layout.note(
        "阅读/播放量为有效值：每篇稿件、每个渠道、每天取计数事件与平台最新报告中的较大者；触达人数为本月去重人数，"
            + "不是每日相加；互动数 = 点赞 + 评论 + 分享 + 转载；互动率 = 互动数 ÷ 阅读/播放量。");
    layout.table(kpi, all(kpi), new float[] {3.2f, 2f, 2.2f, 1.3f, 2.4f, 1.3f});
    layout.heading("数据说明");
    layout.table(quality, all(quality), new float[] {3f, 1.4f, 7f});

    layout.newPage();
    layout.heading("二、图表");
    layout.lineChart(daily, daily.chart().orElseThrow());
    layout.barChart(channels, channels.chart().orElseThrow());
    layout.barChart(offices, offices.chart().orElseThrow());

    layout.newPage();
    layout.heading("三、各单位");
    int[] breakdown = {1, 2, 4, 5, 6, 9, 10, 11, 12};
    float[] breakdownWidths = {2.6f, 1.5f, 1.4f, 1.1f, 1.1f, 1.2f, 1.1f, 1.6f, 1.2f};
    layout.table(offices, breakdown, breakdownWidths);
    layout.heading("各渠道");
    layout.table(channels, breakdown, breakdownWidths);
    layout.heading("各栏目");
    layout.table(series, breakdown, breakdownWidths);

    layout.newPage();
    layout.heading("四、传播力指数前 " + MonthlyReportQuery.TOP_PIECES + " 的稿件");
    layout.note(
        "列出本月有事件的稿件，按稿件至今的传播力指数（0–1000）排序；七项得分之和即为指数，"
            + "每项得分 = 1000 × 权重 × min(1, ln(1+值) ÷ ln(1+上限))。本月阅读/播放事件为本月采集到的事件数。");
    layout.table(
        top,
        new int[] {0, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14},
        new float[] {0.9f, 4.4f, 2.4f, 1.4f, 1.2f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f});

    layout.heading("五、转载媒体");
    layout.table(outlets, all(outlets), new float[] {4f, 1.5f, 1.5f, 2.5f});
    layout.heading("传播层级");
    layout.table(depth, new int[] {0, 2, 3, 4}, new float[] {2f, 1.5f, 1.5f, 1.5f});
  }

  private static int[] all(ReportTable table) {
    return IntStream.range(0, table.headers().size()).toArray();
  }

  /** How a cell reads on paper: grouped counts, one-decimal measures, percentages, — for none. */
  static String text(Object cell) {
    if (cell == null) {
      return "—";
    }
    if (cell instanceof Percent percent) {
      return String.format(Locale.ROOT, "%.2f%%", percent.fraction() * 100);
    }
    if (cell instanceof Double value) {
      return String.format(Locale.ROOT, "%,.1f", value);
    }
    if (cell instanceof Number value) {
      return String.format(Locale.ROOT, "%,d", value.longValue());
    }
    return cell.toString();
  }

  /** Whether a cell lines up on the right (figures) or the left (text). */
  static boolean numeric(Object cell) {
    return cell == null || cell instanceof Number || cell instanceof Percent;
  }

  /** Keeps the content stream's exceptions checked inside the layout, unchecked outside. */
  static PDPageContentStream append(PDDocument document, PDPage page) throws IOException {
    return new PDPageContentStream(
        document, page, PDPageContentStream.AppendMode.APPEND, true, true);
  }

  static PDRectangle a4() {
    return PDRectangle.A4;
  }
}
