package org.chuanbo.dashboards.console;

import java.util.Arrays;
import java.util.Optional;

/**
 * The components of the dissemination index (DOMAIN.md "Dissemination index"), as named in
 * chuanbo.di_config and schemas/dissemination-index/, with the label people read and the column of
 * chuanbo.article_spread that holds the component's value (x in the formula).
 */
public enum DiComponent {
  REACH("reach", "触达人数", "reach"),
  VIEWS("views", "阅读/播放量", "views"),
  ENGAGEMENTS("engagements", "互动数", "engagements"),
  SHARES("shares", "分享数", "shares"),
  REPOSTS("reposts", "转载数", "reposts"),
  DEPTH("depth", "传播层级", "max_depth"),
  CHANNELS("channels", "渠道覆盖", "channels");

  private final String configName;
  private final String label;
  private final String column;

  DiComponent(String configName, String label, String column) {
    this.configName = configName;
    this.label = label;
    this.column = column;
  }

  /** The name in di_config and in the {@code .properties} files. */
  public String configName() {
    return configName;
  }

  /** The Chinese label on screen. */
  public String label() {
    return label;
  }

  /** The article_spread column holding the value. */
  public String column() {
    return column;
  }

  public static Optional<DiComponent> byConfigName(String name) {
    return Arrays.stream(values()).filter(c -> c.configName.equals(name)).findFirst();
  }

  /** The label for a config name, or the name itself for a component this build does not know. */
  public static String labelOf(String configName) {
    return byConfigName(configName).map(DiComponent::label).orElse(configName);
  }
}
