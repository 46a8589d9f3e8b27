package org.chuanbo.dashboards.console;

import java.util.List;
import java.util.Map;

/** The top pieces by views, in Chinese, as {@code ./chuanbo demo} ends with. */
public final class TopArticlesReport {

  /** One line of the table, as queried; the demo's test recounts these from chuanbo.events. */
  public record Line(
      String articleId,
      String title,
      String office,
      long views,
      long reach,
      long shares,
      long reposts) {}

  private TopArticlesReport() {}

  public static List<Line> query(NamedQueries queries, int limit) {
    return queries.run("top_articles", Map.of("limit", limit)).stream()
        .map(
            row ->
                new Line(
                    row.getString("article_id"),
                    row.getString("title"),
                    row.getString("office"),
                    row.getLong("views"),
                    row.getLong("reach"),
                    row.getLong("shares"),
                    row.getLong("reposts")))
        .toList();
  }

  public static String render(List<Line> lines) {
    ConsoleTable table =
        new ConsoleTable(
            List.of("排名", "稿件", "发布单位", "阅读/播放量", "触达人数", "分享数", "转载数"),
            List.of(true, false, false, true, true, true, true));
    int rank = 1;
    for (Line line : lines) {
      table.row(
          List.of(
              Integer.toString(rank++),
              shorten(line.title(), 36),
              line.office(),
              String.format("%,d", line.views()),
              String.format("%,d", line.reach()),
              String.format("%,d", line.shares()),
              String.format("%,d", line.reposts())));
    }
    return table.render();
  }

  static String shorten(String text, int maxColumns) {
    if (ConsoleTable.displayWidth(text) <= maxColumns) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      String next = new String(Character.toChars(codePoint));
      if (ConsoleTable.displayWidth(out + next) > maxColumns - 1) {
        break;
      }
      out.append(next);
      i += Character.charCount(codePoint);
    }
    return out + "…";
  }
}
