package org.chuanbo.dashboards.console;

import com.clickhouse.client.api.query.GenericRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What history says the DI caps should be ({@code ./chuanbo di calibrate}): each component's
 * distribution over the pieces updated in the last days (di_calibrate.sql), the latest config's
 * weight and cap, and a proposed cap, the 99th percentile made readable ({@link ReadableCap}), so
 * only the few pieces above it score a component's full weight.
 */
public final class DiCalibration {

  /**
   * One component: what was observed, what is configured (null when di_config holds no version).
   */
  public record Component(
      String name,
      long articles,
      long p50,
      long p90,
      long p99,
      long max,
      Double weight,
      Double cap,
      long proposedCap) {}

  /** The period looked at, the latest config version (0: none) and the components in its order. */
  public record Result(
      Instant from, Instant to, int days, int configVersion, List<Component> components) {

    public long articles() {
      return components.get(0).articles();
    }

    /** Whether di_config has weights for every component, so a next version can be written. */
    public boolean configured() {
      return configVersion > 0 && components.stream().allMatch(c -> c.weight() != null);
    }
  }

  private DiCalibration() {}

  /** The pieces updated in the {@code days} days before {@code now}; empty when there are none. */
  public static Optional<Result> observe(NamedQueries queries, int days, Instant now) {
    Instant from = now.minus(Duration.ofDays(days));
    List<GenericRecord> rows =
        queries.run(
            "di_calibrate",
            Map.of("from", ShanghaiTime.millis(from), "to", ShanghaiTime.millis(now)));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<Component> components =
        rows.stream()
            .map(
                row ->
                    new Component(
                        row.getString("component"),
                        row.getLong("articles"),
                        row.getLong("p50"),
                        row.getLong("p90"),
                        row.getLong("p99"),
                        row.getLong("max"),
                        nullableDouble(row, "weight"),
                        nullableDouble(row, "cap"),
                        ReadableCap.above(row.getLong("p99"))))
            .toList();
    return Optional.of(
        new Result(from, now, days, (int) rows.get(0).getLong("config_version"), components));
  }

  /** The distribution table, in Chinese, with the current and the proposed cap. */
  public static String render(Result result) {
    ConsoleTable table =
        new ConsoleTable(
            List.of("指标", "稿件数", "P50", "P90", "P99", "最大值", "当前上限", "建议上限"),
            List.of(false, true, true, true, true, true, true, true));
    for (Component c : result.components()) {
      table.row(
          List.of(
              DiComponent.labelOf(c.name()) + " " + c.name(),
              Figures.count(c.articles()),
              Figures.count(c.p50()),
              Figures.count(c.p90()),
              Figures.count(c.p99()),
              Figures.count(c.max()),
              c.cap() == null ? "—" : Figures.count(Math.round(c.cap())),
              Figures.count(c.proposedCap())));
    }
    return String.format(
            "传播力指数校准：%s 至 %s（最近 %d 天）更新过的 %s 篇稿件（chuanbo.article_spread）；%s%n",
            ShanghaiTime.minute(result.from()),
            ShanghaiTime.minute(result.to()),
            result.days(),
            Figures.count(result.articles()),
            result.configVersion() > 0
                ? "当前配置为 di_config 第 " + result.configVersion() + " 版"
                : "di_config 中还没有配置")
        + table.render()
        + "建议上限 = P99 向上取到易读的整数（至少 1）：只有最突出的 1% 稿件在该项拿满权重。\n";
  }

  private static Double nullableDouble(GenericRecord row, String column) {
    Object value = row.getObject(column);
    return value == null ? null : ((Number) value).doubleValue();
  }
}
