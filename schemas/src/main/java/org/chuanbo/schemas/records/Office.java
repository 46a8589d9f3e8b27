package org.chuanbo.schemas.records;

import java.util.Arrays;
import java.util.Optional;

/**
 * The publishing offices (see DOMAIN.md, "Organisations"). Articles carry the code as a plain
 * string in Avro, so that an office added later needs no schema version; validation checks it
 * against this list.
 */
public enum Office {
  HZ("hz", "贺州市"),
  BB("bb", "八步区"),
  PG("pg", "平桂区"),
  ZS("zs", "钟山县"),
  ZP("zp", "昭平县"),
  FC("fc", "富川瑶族自治县");

  private final String code;
  private final String chineseName;

  Office(String code, String chineseName) {
    this.code = code;
    this.chineseName = chineseName;
  }

  /** The code on the wire and in ClickHouse, e.g. {@code hz}. */
  public String code() {
    return code;
  }

  /** The name people read, e.g. 贺州市. */
  public String chineseName() {
    return chineseName;
  }

  /** The office of a code, if it is one of ours. */
  public static Optional<Office> fromCode(String code) {
    return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst();
  }
}
