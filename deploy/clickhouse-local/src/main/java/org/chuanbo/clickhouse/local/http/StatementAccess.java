package org.chuanbo.clickhouse.local.http;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.chuanbo.clickhouse.local.engine.ChdbConnection;
import org.chuanbo.clickhouse.local.engine.ChdbEngine;
import org.chuanbo.clickhouse.local.engine.ChdbResult;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;
import org.chuanbo.clickhouse.local.engine.NativeStatement;

/**
 * Decides, before the engine runs it, whether a user may run a statement. The engine parses it
 * ({@code EXPLAIN AST}); the rules read the parse:
 *
 * <ul>
 *   <li>nothing that touches the host — table functions and engines such as {@code file}, {@code
 *       url}, {@code s3}, {@code remote}, {@code executable}, the scalar {@code file()}, {@code
 *       INFILE}/{@code OUTFILE}, dictionaries with a source, {@code ATTACH … FROM} — except for the
 *       admin;
 *   <li>a GET request only reads, whatever its session;
 *   <li>a reader only reads; a writer reads and inserts into tables;
 *   <li>no one but the admin changes the endpoint's limits from inside a statement.
 * </ul>
 */
final class StatementAccess {

  static final int ACCESS_DENIED = 497;
  static final int READONLY = 164;

  /**
   * Table functions that read only what the engine itself holds or generates. Every other table
   * function the engine knows, now or in a future version, counts as touching the host.
   */
  private static final Set<String> SAFE_TABLE_FUNCTIONS =
      Set.of(
          "numbers",
          "numbers_mt",
          "zeros",
          "zeros_mt",
          "primes",
          "generate_series",
          "generateseries",
          "generaterandom",
          "values",
          "sqlstandardvalues",
          "null",
          "view",
          "viewexplain",
          "viewifpermitted",
          "input",
          "format",
          "merge",
          "loop",
          "fuzzjson",
          "fuzzquery",
          "mergetreeindex",
          "mergetreeprojection",
          "mergetreetextindex",
          "mergetreeanalyzeindexes",
          "mergetreeanalyzeindexesuuid");

  /** Scalar functions and table engines that touch the host without being table functions. */
  private static final Set<String> HOST_FUNCTIONS_BEYOND_TABLE_FUNCTIONS =
      Set.of(
          "file",
          "http",
          "kafka",
          "rabbitmq",
          "nats",
          "filelog",
          "executablepool",
          "s3queue",
          "azurequeue",
          "materializedpostgresql",
          "materializedmysql",
          "replication");

  private static final Set<String> HOST_FILE_WORDS = Set.of("INFILE", "OUTFILE");

  private final Set<String> hostFunctions;

  private StatementAccess(Set<String> hostFunctions) {
    this.hostFunctions = hostFunctions;
  }

  /** The rules for this engine: its table functions, less the safe ones, touch the host. */
  static StatementAccess forEngine(ChdbEngine engine) {
    Set<String> host = new HashSet<>(HOST_FUNCTIONS_BEYOND_TABLE_FUNCTIONS);
    try (ChdbConnection connection = engine.openConnection()) {
      String names = connection.executeText("SELECT name FROM system.table_functions");
      Arrays.stream(names.split("\n"))
          .map(name -> name.strip().toLowerCase(Locale.ROOT))
          .filter(name -> !name.isEmpty() && !SAFE_TABLE_FUNCTIONS.contains(name))
          .forEach(host::add);
    }
    return new StatementAccess(Set.copyOf(host));
  }

  /** What the statement does, once allowed. */
  enum Verdict {
    READS,
    WRITES
  }

  /**
   * Checks {@code sql} (the statement without an INSERT's data) for {@code user}; throws the
   * server's ACCESS_DENIED (497) or READONLY (164) error when it is not allowed.
   *
   * @param connection where to parse the statement; nothing runs on it
   */
  Verdict check(
      UserDirectory.User user,
      boolean get,
      String sql,
      Map<String, String> parameters,
      ChdbConnection connection) {
    Role role = user.role();
    if (role == Role.ADMIN && !get) {
      return Verdict.WRITES;
    }
    Set<String> words = StatementHead.words(sql);
    StatementTree tree = StatementTree.parse(explain(sql, parameters, connection));
    if (role != Role.ADMIN) {
      refuseHostAccess(user, words, tree);
      refuseLimitChanges(user, StatementHead.settingNames(sql));
    }
    boolean reads = tree.isRead();
    if (get && !reads) {
      throw ClickHouseException.of(
          READONLY,
          "READONLY",
          "Cannot execute query in readonly mode. For queries over HTTP, method GET implies"
              + " readonly. You should use method POST for modifying queries");
    }
    if (reads) {
      return Verdict.READS;
    }
    switch (role) {
      case READER ->
          throw denied(user, "reads only; " + describe(tree) + " changes data or the schema");
      case WRITER -> {
        if (!tree.isInsertIntoTable()) {
          throw denied(user, "may only read and INSERT INTO a table, not run " + describe(tree));
        }
      }
      case OPEN -> {
        if (tree.kind().equals("AttachQuery")
            || tree.kind().equals("CreateQuery") && words.contains("DICTIONARY")) {
          throw denied(user, "may not run " + describe(tree) + ": it can read host files");
        }
      }
      case ADMIN -> {}
    }
    return Verdict.WRITES;
  }

  /** Refuses URL settings of a user other than admin that raise or lift a limit. */
  static void checkRequestSettings(
      UserDirectory.User user, Map<String, String> settings, EndpointLimits limits) {
    if (user.role() == Role.ADMIN) {
      return;
    }
    for (String setting : EndpointLimits.GUARDED_SETTINGS) {
      if (settings.containsKey(setting)) {
        limits
            .refusal(setting, settings.get(setting))
            .ifPresent(
                why -> {
                  throw denied(user, why + " (it is one of the endpoint's limits)");
                });
      }
    }
  }

  private void refuseHostAccess(UserDirectory.User user, Set<String> words, StatementTree tree) {
    Set<String> touching = new TreeSet<>();
    tree.functionNames().stream().filter(hostFunctions::contains).forEach(touching::add);
    words.stream()
        .filter(HOST_FILE_WORDS::contains)
        .map(word -> word.toLowerCase(Locale.ROOT))
        .forEach(touching::add);
    if (!touching.isEmpty()) {
      throw denied(
          user,
          "may not use "
              + String.join(", ", touching)
              + ": it reaches files, programs or other hosts, which only the admin user may");
    }
  }

  private static void refuseLimitChanges(UserDirectory.User user, Set<String> settingNames) {
    for (String setting : EndpointLimits.GUARDED_SETTINGS) {
      if (settingNames.contains(setting)) {
        throw denied(
            user,
            "may not change "
                + setting
                + " inside a statement: it is one of the endpoint's limits (lower it as a URL"
                + " parameter instead)");
      }
    }
  }

  /** The engine's parse; the query parameters too, since the parser needs every one bound. */
  private static String explain(
      String sql, Map<String, String> parameters, ChdbConnection connection) {
    NativeStatement explain = NativeStatement.of("EXPLAIN AST " + sql);
    try (ChdbResult result = connection.execute(explain, "TSVRaw", parameters)) {
      return result.text();
    } finally {
      explain.release();
    }
  }

  private static String describe(StatementTree tree) {
    return tree.kind().isEmpty() ? "this statement" : "a " + tree.kind();
  }

  private static ClickHouseException denied(UserDirectory.User user, String why) {
    return ClickHouseException.of(ACCESS_DENIED, "ACCESS_DENIED", user.name() + ": " + why);
  }
}
