package org.chuanbo.dashboards.console;

import com.clickhouse.client.api.query.GenericRecord;
import java.io.PrintWriter;
import java.util.List;

/**
 * The dissemination index of one piece with every component shown (DOMAIN.md "Dissemination index":
 * transparent, reproducible): the component's value, the weight and cap of the config version the
 * job used, the stored points, and the index recomputed from them, so a reader can check the sum
 * without trusting the job.
 */
final class DiBreakdown {

  /** The DI is stored rounded to one decimal; a recomputation agrees within rounding. */
  private static final double TOLERANCE = 0.05 + 1e-9;

  private final GenericRecord spread;
  private final List<GenericRecord> components;

  DiBreakdown(GenericRecord spread, List<GenericRecord> components) {
    this.spread = spread;
    this.components = components;
  }

  void print(PrintWriter out) {
    long version = spread.getLong("di_config_version");
    out.printf(
        "传播力指数 %s（满分 1,000；按 di_config 第 %d 版计算）%n",
        Figures.decimal(spread.getDouble("di"), 1), version);
    ConsoleTable table =
        new ConsoleTable(
            List.of("指标", "数值", "上限", "权重", "得分"), List.of(false, true, true, true, true));
    boolean configured = true;
    double recomputed = 0;
    for (GenericRecord row : components) {
      boolean known = row.getObject("weight") != null;
      configured &= known;
      if (known) {
        recomputed += row.getDouble("recomputed_points");
      }
      table.row(
          List.of(
              DiComponent.labelOf(row.getString("component")),
              Figures.count(Math.round(row.getDouble("value"))),
              known ? cap(row.getDouble("cap")) : "—",
              known ? Figures.decimal(row.getDouble("weight"), 2) : "—",
              Figures.decimal(row.getDouble("points"), 1)));
    }
    out.print(table.render());
    if (!configured) {
      out.printf("  chuanbo.di_config 中没有第 %d 版的权重和上限（./chuanbo migrate 会写入）%n%n", version);
      return;
    }
    double stored = spread.getDouble("di");
    recomputed = Math.round(recomputed * 10) / 10.0;
    out.printf(
        "  得分 = 1000 × 权重 × min(1, ln(1 + 数值) / ln(1 + 上限))；按上表重算合计 %s%s%n%n",
        Figures.decimal(recomputed, 1),
        Math.abs(recomputed - stored) <= TOLERANCE ? "，与存储值一致" : "，与存储值不一致");
  }

  private static String cap(double cap) {
    return cap == Math.rint(cap) ? Figures.count((long) cap) : Figures.decimal(cap, 1);
  }
}
