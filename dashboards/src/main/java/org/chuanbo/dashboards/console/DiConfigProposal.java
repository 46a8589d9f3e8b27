package org.chuanbo.dashboards.console;

import java.math.BigDecimal;
import java.util.stream.Collectors;

/**
 * The next DI config version as the text of a {@code schemas/dissemination-index/v<N+1>.properties}
 * file, in the format of v1.properties: the same components and weights as the latest version, the
 * proposed caps. Only text: a person reviews it and saves it (released versions are never edited,
 * because stored DI values name the version they were computed with).
 */
public final class DiConfigProposal {

  private DiConfigProposal() {}

  public static String properties(DiCalibration.Result result) {
    if (!result.configured()) {
      throw new IllegalStateException("no weights to carry over: di_config holds no version");
    }
    int version = result.configVersion() + 1;
    StringBuilder out = new StringBuilder();
    out.append("# The dissemination index (传播力指数, DI), version ")
        .append(version)
        .append(" — DOMAIN.md \"Dissemination index\".\n")
        .append("#\n")
        .append("#   DI = round(1000 × Σ_k weight_k × min(1, ln(1 + x_k) / ln(1 + cap_k)), 1)\n")
        .append("#\n")
        .append("# Proposed by ./chuanbo di calibrate --days ")
        .append(result.days())
        .append(" from ")
        .append(result.articles())
        .append(" articles of chuanbo.article_spread updated\n# ")
        .append(ShanghaiTime.minute(result.from()))
        .append(" to ")
        .append(ShanghaiTime.minute(result.to()))
        .append(" (Asia/Shanghai): weights as in version ")
        .append(result.configVersion())
        .append(", each cap the 99th percentile\n# rounded up to a readable number.\n")
        .append("version=")
        .append(version)
        .append('\n')
        .append("components=")
        .append(
            result.components().stream()
                .map(DiCalibration.Component::name)
                .collect(Collectors.joining(",")))
        .append('\n');
    for (DiCalibration.Component c : result.components()) {
      String column = DiComponent.byConfigName(c.name()).map(DiComponent::column).orElse(c.name());
      out.append('\n')
          .append("# ")
          .append(DiComponent.labelOf(c.name()))
          .append(" (")
          .append(column)
          .append("): p99 ")
          .append(c.p99())
          .append(", max ")
          .append(c.max())
          .append("; cap in version ")
          .append(result.configVersion())
          .append(": ")
          .append(plain(c.cap()))
          .append('\n')
          .append(c.name())
          .append(".weight=")
          .append(weight(c.weight()))
          .append('\n')
          .append(c.name())
          .append(".cap=")
          .append(c.proposedCap())
          .append('\n');
    }
    return out.toString();
  }

  /** 0.3 → "0.30", as v1.properties writes weights; more decimals when the weight has them. */
  static String weight(double weight) {
    BigDecimal exact = BigDecimal.valueOf(weight).stripTrailingZeros();
    return exact.setScale(Math.max(2, exact.scale())).toPlainString();
  }

  private static String plain(double number) {
    return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
  }
}
