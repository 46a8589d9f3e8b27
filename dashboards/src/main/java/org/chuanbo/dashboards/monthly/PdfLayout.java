package org.chuanbo.dashboards.monthly;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays the monthly report out on A4 pages, top to bottom: headings, notes, tables that continue on
 * the next page with their header repeated, and charts in black and greys. Coordinates are PDF
 * points from the bottom left; {@code y} is where the next thing goes.
 */
final class PdfLayout {

  static final float WIDTH = PdfExport.a4().getWidth();
  static final float HEIGHT = PdfExport.a4().getHeight();
  static final float MARGIN = 48;
  private static final float BOTTOM = 60;
  private static final float TABLE_SIZE = 8f;
  private static final float LINE = 11f;

  private final PDDocument document;
  private final PDType0Font font;
  private PDPageContentStream content;
  private float y;

  PdfLayout(PDDocument document, PDType0Font font) {
    this.document = document;
    this.font = font;
  }

  void newPage() throws IOException {
    close();
    PDPage page = new PDPage(PdfExport.a4());
    document.addPage(page);
    content = new PDPageContentStream(document, page);
    y = HEIGHT - MARGIN;
  }

  void close() throws IOException {
    if (content != null) {
      content.close();
      content = null;
    }
  }

  /** {@code 第 3 页，共 7 页} and the title at the foot of every page but the title page. */
  void numberPages(String title) throws IOException {
    int pages = document.getNumberOfPages();
    for (int i = 1; i < pages; i++) {
      content = PdfExport.append(document, document.getPage(i));
      rule(MARGIN, 40, WIDTH - MARGIN, 0.4f);
      text(title, MARGIN, 28, 8, 0.35f);
      String number = "第 " + (i + 1) + " 页，共 " + pages + " 页";
      text(number, WIDTH - MARGIN - width(number, 8), 28, 8, 0.35f);
      close();
    }
  }

  // ---- text

  void text(String text, float x, float atY, float size, float grey) throws IOException {
    String shown = printable(text);
    content.setNonStrokingColor(grey);
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, atY);
    content.showText(shown);
    content.endText();
    content.setNonStrokingColor(0f);
  }

  void centred(String text, float centre, float atY, float size, float grey) throws IOException {
    text(text, centre - width(text, size) / 2, atY, size, grey);
  }

  void heading(String text) throws IOException {
    ensure(60);
    y -= 18;
    text(text, MARGIN, y, 14, 0f);
    y -= 8;
  }

  /** A paragraph in small grey type, wrapped to the text width. */
  void note(String text) throws IOException {
    for (String line : wrap(text, WIDTH - 2 * MARGIN, 8.5f, Integer.MAX_VALUE)) {
      ensure(LINE);
      y -= LINE;
      text(line, MARGIN, y, 8.5f, 0.3f);
    }
    y -= 4;
  }

  void rule(float x1, float atY, float x2, float lineWidth) throws IOException {
    content.setLineWidth(lineWidth);
    content.moveTo(x1, atY);
    content.lineTo(x2, atY);
    content.stroke();
  }

  float width(String text, float size) throws IOException {
    return font.getStringWidth(printable(text)) / 1000 * size;
  }

  /** The text with any character the font cannot draw replaced, so a rare title never fails. */
  private String printable(String text) {
    try {
      font.encode(text);
      return text;
    } catch (IOException | IllegalArgumentException e) {
      StringBuilder out = new StringBuilder();
      text.codePoints()
          .forEach(
              c -> {
                String one = new String(Character.toChars(c));
                try {
                  font.encode(one);
                  out.append(one);
                } catch (IOException | IllegalArgumentException missing) {
                  out.append('?');
                }
              });
      return out.toString();
    }
  }

  /** Lines of at most {@code width} points, broken anywhere (Chinese has no spaces to break at). */
  List<String> wrap(String text, float width, float size, int maxLines) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int[] codePoints = printable(text).codePoints().toArray();
    for (int i = 0; i < codePoints.length; i++) {
      String next = new String(Character.toChars(codePoints[i]));
      if (line.length() > 0 && width(line + next, size) > width) {
        if (lines.size() == maxLines - 1) {
          lines.add(ellipsis(line.toString(), width, size));
          return lines;
        }
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(next);
    }
    lines.add(line.toString());
    return lines;
  }

  private String ellipsis(String text, float width, float size) throws IOException {
    String cut = text;
    while (!cut.isEmpty() && width(cut + "…", size) > width) {
      cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
    }
    return cut + "…";
  }

  private void ensure(float height) throws IOException {
    if (y - height < BOTTOM) {
      newPage();
    }
  }

  // ---- tables

  /** The chosen columns of a table, widths in proportion; the header repeats on a new page. */
  void table(ReportTable table, int[] columns, float[] weights) throws IOException {
    float total = 0;
    for (float w : weights) {
      total += w;
    }
    float[] widths = new float[columns.length];
    for (int i = 0; i < columns.length; i++) {
      widths[i] = (WIDTH - 2 * MARGIN) * weights[i] / total;
    }
    List<String> headers = new ArrayList<>();
    for (int c : columns) {
      headers.add(table.headers().get(c));
    }
    boolean[] right = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      right[i] = !table.rows().isEmpty() && PdfExport.numeric(table.rows().get(0).get(columns[i]));
    }
    header(headers, widths, right);
    if (table.rows().isEmpty()) {
      ensure(LINE + 4);
      y -= LINE + 2;
      text("（本月无数据）", MARGIN + 4, y + 3, TABLE_SIZE, 0.3f);
    }
    boolean shaded = false;
    for (List<Object> row : table.rows()) {
      List<List<String>> cells = new ArrayList<>();
      int lines = 1;
      for (int i = 0; i < columns.length; i++) {
        Object cell = row.get(columns[i]);
        List<String> wrapped =
            PdfExport.numeric(cell)
                ? List.of(PdfExport.text(cell))
                : wrap(PdfExport.text(cell), widths[i] - 6, TABLE_SIZE, 3);
        cells.add(wrapped);
        lines = Math.max(lines, wrapped.size());
      }
      float height = lines * LINE + 4;
      if (y - height < BOTTOM) {
        newPage();
        header(headers, widths, right);
      }
      if (shaded) {
        fill(MARGIN, y - height, WIDTH - 2 * MARGIN, height, 0.94f);
      }
      shaded = !shaded;
      float x = MARGIN;
      for (int i = 0; i < columns.length; i++) {
        boolean alignRight = PdfExport.numeric(row.get(columns[i]));
        float lineY = y - LINE + 1;
        for (String line : cells.get(i)) {
          float at = alignRight ? x + widths[i] - 3 - width(line, TABLE_SIZE) : x + 3;
          text(line, at, lineY, TABLE_SIZE, 0f);
          lineY -= LINE;
        }
        x += widths[i];
      }
      y -= height;
    }
    content.setStrokingColor(0f);
    rule(MARGIN, y, WIDTH - MARGIN, 0.6f);
    y -= 10;
  }

  private void header(List<String> headers, float[] widths, boolean[] right) throws IOException {
    List<List<String>> cells = new ArrayList<>();
    int lines = 1;
    for (int i = 0; i < headers.size(); i++) {
      List<String> wrapped = wrap(headers.get(i), widths[i] - 6, TABLE_SIZE, 3);
      cells.add(wrapped);
      lines = Math.max(lines, wrapped.size());
    }
    float height = lines * LINE + 5;
    ensure(height + 3 * LINE);
    fill(MARGIN, y - height, WIDTH - 2 * MARGIN, height, 0.82f);
    rule(MARGIN, y, WIDTH - MARGIN, 0.8f);
    float x = MARGIN;
    for (int i = 0; i < headers.size(); i++) {
      float lineY = y - LINE;
      for (String line : cells.get(i)) {
        float at = right[i] ? x + widths[i] - 3 - width(line, TABLE_SIZE) : x + 3;
        text(line, at, lineY, TABLE_SIZE, 0f);
        lineY -= LINE;
      }
      x += widths[i];
    }
    y -= height;
    rule(MARGIN, y, WIDTH - MARGIN, 0.5f);
  }

  private void fill(float x, float atY, float w, float h, float grey) throws IOException {
    content.setNonStrokingColor(grey);
    content.addRect(x, atY, w, h);
    content.fill();
    content.setNonStrokingColor(0f);
  }

  // ---- charts

  private static final float CHART_HEIGHT = 160;

  /** A black line with square markers over the days, a light grid, every 5th day labelled. */
  void lineChart(ReportTable table, ReportTable.ChartSpec spec) throws IOException {
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    series(table, spec, labels, values);
    Frame frame = frame(spec.title(), values);
    int n = values.size();
    float step = n > 1 ? frame.width / (n - 1) : 0;
    content.setStrokingColor(0f);
    content.setLineWidth(1.4f);
    for (int i = 0; i < n; i++) {
      float x = frame.x + i * step;
      float v = frame.y(values.get(i));
      if (i == 0) {
        content.moveTo(x, v);
      } else {
        content.lineTo(x, v);
      }
    }
    content.stroke();
    for (int i = 0; i < n; i++) {
      float x = frame.x + i * step;
      fill(x - 1.6f, frame.y(values.get(i)) - 1.6f, 3.2f, 3.2f, 0f);
      if (i % 5 == 0 || i == n - 1) {
        String day = labels.get(i).length() >= 10 ? labels.get(i).substring(5) : labels.get(i);
        text(day, x - width(day, 7) / 2, frame.bottom - 11, 7, 0.2f);
      }
    }
    y = frame.bottom - 28;
  }

  /** Grey bars with a black outline, the value above each bar and the name below. */
  void barChart(ReportTable table, ReportTable.ChartSpec spec) throws IOException {
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    series(table, spec, labels, values);
    Frame frame = frame(spec.title(), values);
    int n = Math.max(1, values.size());
    float slot = frame.width / n;
    float bar = Math.min(46, slot * 0.6f);
    content.setLineWidth(0.6f);
    for (int i = 0; i < values.size(); i++) {
      float x = frame.x + i * slot + (slot - bar) / 2;
      float top = frame.y(values.get(i));
      fill(x, frame.bottom, bar, top - frame.bottom, 0.6f);
      content.setStrokingColor(0f);
      content.addRect(x, frame.bottom, bar, top - frame.bottom);
      content.stroke();
      String value = PdfExport.text(Math.round(values.get(i)));
      text(value, x + bar / 2 - width(value, 7) / 2, top + 3, 7, 0f);
      String label = wrap(labels.get(i), slot - 4, 7.5f, 1).get(0);
      text(label, x + bar / 2 - width(label, 7.5f) / 2, frame.bottom - 11, 7.5f, 0f);
    }
    y = frame.bottom - 28;
  }

  private static void series(
      ReportTable table, ReportTable.ChartSpec spec, List<String> labels, List<Double> values) {
    for (List<Object> row : table.rows()) {
      labels.add(String.valueOf(row.get(spec.categoryColumn())));
      Object value = row.get(spec.valueColumn());
      values.add(value instanceof Number number ? number.doubleValue() : 0.0);
    }
  }

  /** The chart's title, its value axis with round gridlines, and where the plot goes. */
  private Frame frame(String title, List<Double> values) throws IOException {
    ensure(CHART_HEIGHT + 50);
    y -= 16;
    text(title, MARGIN, y, 11, 0f);
    float left = MARGIN + 46;
    float right = WIDTH - MARGIN - 8;
    float top = y - 16;
    float bottom = top - CHART_HEIGHT;
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double tick = niceTick(max / 4);
    double axisMax = Math.max(tick, Math.ceil(max / tick) * tick);
    Frame frame = new Frame(left, bottom, right - left, top - bottom, axisMax);
    content.setLineWidth(0.3f);
    content.setStrokingColor(0.75f);
    for (double v = 0; v <= axisMax + tick / 2; v += tick) {
      float at = frame.y(v);
      rule(left, at, right, 0.3f);
      String label = String.format(Locale.ROOT, "%,d", Math.round(v));
      text(label, left - 4 - width(label, 7), at - 2.5f, 7, 0.2f);
    }
    content.setStrokingColor(0f);
    rule(left, bottom, right, 0.8f);
    content.setLineWidth(0.8f);
    content.moveTo(left, bottom);
    content.lineTo(left, top);
    content.stroke();
    return frame;
  }

  /** 1, 2 or 5 times a power of ten, at least 1: gridlines a reader can add up. */
  static double niceTick(double rough) {
    if (rough <= 1) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (rough <= step * power) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private record Frame(float x, float bottom, float width, float height, double max) {
    float y(double value) {
      return bottom + (float) (value / max * height);
    }
  }
}
