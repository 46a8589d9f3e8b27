package org.chuanbo.cli.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Empties the tables and fills them with {@code rows} generated events and what the job would
 * derive from them, by the statements of {@code bench/query-load.sql}, one request each (the
 * endpoint takes one statement per request).
 */
public final class QueryLoad {

  static final String SCRIPT = "bench/query-load.sql";

  private QueryLoad() {}

  public static void run(Client admin, long rows, Progress progress) {
    for (String statement : statements(BenchScripts.read(SCRIPT), rows)) {
      String head = statement.lines().filter(l -> !l.startsWith("--")).findFirst().orElse("");
      progress.line("  %s", head.length() > 70 ? head.substring(0, 70) + " …" : head);
      try (QueryResponse ignored = admin.query(statement).get(10, TimeUnit.MINUTES)) {
        // Only the effect matters.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while loading the query data", e);
      } catch (Exception e) {
        throw new IllegalStateException("loading the query data failed: " + e.getMessage(), e);
      }
    }
  }

  /** The script's statements (each ends with a line ending in ';'), comments dropped. */
  static List<String> statements(String script, long rows) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.lines().toList()) {
      if (line.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        String text = current.toString().strip();
        statements.add(text.substring(0, text.length() - 1).replace("{rows}", Long.toString(rows)));
        current.setLength(0);
      }
    }
    return statements;
  }
}
