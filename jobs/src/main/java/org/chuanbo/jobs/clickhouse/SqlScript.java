package org.chuanbo.jobs.clickhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a migration file. Convention of {@code schemas/clickhouse/}: a statement ends
 * with a semicolon at the end of a line, and {@code --} comments are whole lines.
 */
final class SqlScript {

  private SqlScript() {}

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        add(statements, current);
      }
    }
    add(statements, current);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    if (statement.endsWith(";")) {
      statement = statement.substring(0, statement.length() - 1).strip();
    }
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
    current.setLength(0);
  }
}
