package org.chuanbo.cli;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the tests that run a rewritten query or dataset beside its former text share: running their
 * set-up statements, and an answer in a form two answers compare by (its rows as text, its columns
 * with their types).
 */
final class RewriteChecks {

  private RewriteChecks() {}

  static void execute(Client client, String statement) {
    try {
      client.execute(statement).get(120, TimeUnit.SECONDS).close();
    } catch (Exception e) {
      throw new IllegalStateException(statement.substring(0, 60) + ": " + e.getMessage(), e);
    }
  }

  static List<String> columns(TableSchema schema) {
    List<String> columns = new ArrayList<>();
    for (ClickHouseColumn column : schema.getColumns()) {
      columns.add(column.getColumnName() + " " + column.getOriginalTypeName());
    }
    return columns;
  }

  static List<List<String>> rows(List<GenericRecord> records) {
    List<List<String>> rows = new ArrayList<>();
    for (GenericRecord record : records) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= record.getSchema().getColumns().size(); i++) {
        row.add(record.hasValue(i) ? record.getString(i) : null);
      }
      rows.add(row);
    }
    return rows;
  }
}
