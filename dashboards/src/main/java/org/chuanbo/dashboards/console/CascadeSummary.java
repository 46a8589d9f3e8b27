package org.chuanbo.dashboards.console;

import com.clickhouse.client.api.query.GenericRecord;
import java.io.PrintWriter;

/**
 * The share tree's shape in three lines (DOMAIN.md "Share cascades"): depth, structural virality
 * (marked when the job estimated it) and how many shares are in the tree or still waiting.
 */
final class CascadeSummary {

  private final GenericRecord row;

  CascadeSummary(GenericRecord row) {
    this.row = row;
  }

  void print(PrintWriter out) {
    out.printf(
        "  传播层级：最深 %d 层，平均 %s 层%n",
        row.getLong("max_depth"), Figures.decimal(row.getDouble("mean_depth"), 2));
    out.printf(
        "  结构传播度：%s%s%n",
        Figures.decimal(row.getDouble("structural_virality"), 3),
        row.getLong("structural_virality_estimated") == 1 ? "（估算值）" : "");
    out.printf(
        "  传播树中的分享 %s 次；等待上级分享 %s 次；上级始终未到、挂在稿件下 %s 次%n",
        Figures.count(row.getLong("cascade_shares")),
        Figures.count(row.getLong("pending_shares")),
        Figures.count(row.getLong("orphaned_shares")));
  }
}
