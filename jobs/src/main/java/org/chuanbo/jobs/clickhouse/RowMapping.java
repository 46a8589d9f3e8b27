package org.chuanbo.jobs.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * The contract between a Java record and the table it is written to: the columns with their
 * ClickHouse types (checked against the migrations by a test), and how one record becomes one
 * JSONEachRow line.
 */
public interface RowMapping<T> extends Serializable {

  /** Fully qualified table name, e.g. {@code chuanbo.events}. */
  String table();

  /** Column name → ClickHouse type, in insert order; must match the table's DDL. */
  LinkedHashMap<String, String> columns();

  /** Writes the record as one JSON object whose fields are {@link #columns()}. */
  void write(T row, JsonGenerator json) throws IOException;
}
