package org.chuanbo.dashboards.monthly;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whose report: one office (DOMAIN.md "Organisations", city first, then districts and counties) or
 * the city-wide report over every office. An office's report holds only that office's rows.
 */
public enum ReportScope {
  HZ("hz", "贺州市"),
  BB("bb", "八步区"),
  PG("pg", "平桂区"),
  ZS("zs", "钟山县"),
  ZP("zp", "昭平县"),
  FC("fc", "富川瑶族自治县"),
  ALL("all", "全市（各单位合计）");

  private final String code;
  private final String name;

  ReportScope(String code, String name) {
    this.code = code;
    this.name = name;
  }

  public static ReportScope parse(String code) {
    String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(scope -> scope.code.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--office must be one of "
                        + Arrays.stream(values())
                            .map(ReportScope::code)
                            .collect(Collectors.joining(", "))
                        + ", got '"
                        + code
                        + "'"));
  }

  /** As in file names: {@code hz}, or {@code all}. */
  public String code() {
    return code;
  }

  /** As on the title page: 贺州市, or 全市（各单位合计）. */
  public String displayName() {
    return name;
  }

  /** The {@code {office:String}} the queries take: the code, '' for every office. */
  String officeParameter() {
    return this == ALL ? "" : code;
  }
}
