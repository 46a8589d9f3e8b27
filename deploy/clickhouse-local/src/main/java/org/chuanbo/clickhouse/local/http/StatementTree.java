package org.chuanbo.clickhouse.local.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A statement as the engine's own parser sees it: the text of {@code EXPLAIN AST}, one node per
 * line, indented by depth. Reading the engine's parse instead of lexing the SQL again means a
 * function hidden in a subquery, a CTE, backquotes or odd spacing is found all the same.
 */
record StatementTree(String kind, List<Node> nodes) {

  /** One line of the tree: its depth, its node type, and for a function its name. */
  record Node(int depth, String type, String name) {}

  static StatementTree parse(String explainAst) {
    List<Node> nodes = new ArrayList<>();
    for (String line : explainAst.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int depth = 0;
      while (depth < line.length() && line.charAt(depth) == ' ') {
        depth++;
      }
      String[] words = line.substring(depth).split(" +");
      String type = words[0];
      String name = words.length > 1 ? words[1] : "";
      nodes.add(new Node(depth, type, name));
    }
    return new StatementTree(nodes.isEmpty() ? "" : nodes.get(0).type(), List.copyOf(nodes));
  }

  /** Names of every function, table function and engine in the statement, lower case. */
  List<String> functionNames() {
    return nodes.stream()
        .filter(node -> node.type().equals("Function"))
        .map(node -> node.name().toLowerCase(Locale.ROOT))
        .toList();
  }

  /** A statement that only reads: SELECT, SHOW, DESCRIBE, EXISTS, EXPLAIN, SET, USE. */
  boolean isRead() {
    return kind.startsWith("Select")
        || kind.startsWith("Show")
        || kind.startsWith("Exists")
        || kind.equals("DescribeQuery")
        || kind.equals("Explain")
        || kind.equals("Set")
        || kind.equals("UseQuery");
  }

  /** {@code INSERT INTO db.table …}: into a table, not {@code INSERT INTO FUNCTION …}. */
  boolean isInsertIntoTable() {
    if (!kind.equals("InsertQuery")) {
      return false;
    }
    return nodes.stream()
        .skip(1)
        .filter(node -> node.depth() == nodes.get(0).depth() + 1)
        .noneMatch(node -> node.type().equals("Function") || node.type().equals("Literal"));
  }
}
