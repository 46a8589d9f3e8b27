package org.chuanbo.dashboards.console;

import com.clickhouse.client.api.query.GenericRecord;
import java.io.PrintWriter;
import java.util.List;

/**
 * The "传播概况" block of one piece: one row of {@code article_spread.sql}, each figure with what it
 * means where that is not obvious — an estimated reach, views the platform reported beyond the
 * counted events (DOMAIN.md "Platform-reported counts": the greater of the two, never the sum).
 */
final class SpreadOverview {

  private final GenericRecord row;

  SpreadOverview(GenericRecord row) {
    this.row = row;
  }

  void print(PrintWriter out) {
    ConsoleTable table = new ConsoleTable(List.of("指标", "数值", "说明"), List.of(false, true, false));
    table.row(
        List.of(
            "触达人数",
            Figures.count(row.getLong("reach")),
            row.getLong("reach_exact") == 1 ? "精确去重" : "估算值（HLL）"));
    table.row(
        List.of(
            "阅读/播放量（有效）",
            Figures.count(row.getLong("views")),
            beyondCounted(row.getLong("views"), row.getLong("counted_views"))));
    table.row(List.of("  直接阅读", Figures.count(row.getLong("direct_views")), "不经分享链接"));
    table.row(List.of("  转发带来阅读", Figures.count(row.getLong("via_share_views")), "经分享链接"));
    Object amplification = row.getObject("amplification");
    table.row(
        List.of(
            "放大系数",
            amplification == null
                ? "—"
                : Figures.decimal(((Number) amplification).doubleValue(), 2),
            amplification == null ? "暂无直接阅读" : "转发带来阅读 ÷ 直接阅读"));
    table.row(
        List.of(
            "分享数（有效）",
            Figures.count(row.getLong("shares")),
            beyondCounted(row.getLong("shares"), row.getLong("counted_shares"))));
    table.row(List.of("转载数", Figures.count(row.getLong("reposts")), ""));
    table.row(
        List.of(
            "互动数",
            Figures.count(row.getLong("engagements")),
            "点赞 "
                + Figures.count(row.getLong("likes"))
                + " + 评论 "
                + Figures.count(row.getLong("comments"))
                + " + 分享 "
                + Figures.count(row.getLong("shares"))
                + " + 转载 "
                + Figures.count(row.getLong("reposts"))));
    table.row(List.of("渠道覆盖", Figures.count(row.getLong("channels")), "个渠道有阅读（共 6 个）"));
    out.printf("传播概况（作业汇总于 %s，第 %d 版）%n", row.getString("updated_at"), row.getLong("revision"));
    out.println(table.render());
  }

  /** The effective figure against the counted events: what the platform's reports added. */
  private static String beyondCounted(long effective, long counted) {
    if (effective <= counted) {
      return "均为已计数的事件";
    }
    return "事件计数 "
        + Figures.count(counted)
        + "，平台报告多出 "
        + Figures.count(effective - counted)
        + "（取较大值，不相加）";
  }
}
