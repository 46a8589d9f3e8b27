package org.chuanbo.jobs.tables;

import java.util.LinkedHashMap;

/** Builds a mapping's column list: name → ClickHouse type, in order. */
final class Columns {

  private final LinkedHashMap<String, String> columns = new LinkedHashMap<>();

  Columns add(String name, String type) {
    columns.put(name, type);
    return this;
  }

  LinkedHashMap<String, String> build() {
    return new LinkedHashMap<>(columns);
  }
}
