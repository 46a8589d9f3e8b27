package org.chuanbo.dashboards.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the terminal that lines up Chinese text: a CJK character takes two columns
 * on screen, so widths are counted in display columns, not characters. Cells never carry a control
 * character to the terminal.
 */
public final class ConsoleTable {

  private final List<String> headers;
  private final List<Boolean> rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  public ConsoleTable(List<String> headers, List<Boolean> rightAligned) {
    this.headers = headers.stream().map(TerminalText::clean).toList();
    this.rightAligned = rightAligned;
  }

  /** A row; its cells are printed as {@link TerminalText#clean} leaves them. */
  public ConsoleTable row(List<String> cells) {
    rows.add(cells.stream().map(TerminalText::clean).toList());
    return this;
  }

  public String render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      widths[i] = displayWidth(headers.get(i));
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], displayWidth(row.get(i)));
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, widths);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
    }
    out.append(rule).append('\n');
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      String padding = " ".repeat(widths[i] - displayWidth(cell));
      line.append(i == 0 ? "" : "  ").append(rightAligned.get(i) ? padding + cell : cell + padding);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  /** Columns on a terminal: East Asian wide and fullwidth characters count two. */
  public static int displayWidth(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      width += isWide(codePoint) ? 2 : 1;
      i += Character.charCount(codePoint);
    }
    return width;
  }

  private static boolean isWide(int c) {
    return (c >= 0x1100 && c <= 0x115F)
        || (c >= 0x2E80 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6)
        || (c >= 0x20000 && c <= 0x3FFFD);
  }
}
