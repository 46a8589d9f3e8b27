package org.chuanbo.clickhouse.local.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.chuanbo.clickhouse.local.engine.ChdbConnection;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;

/**
 * Applies a request's {@code database} and URL settings to the connection that runs it, and — on a
 * session's connection, which outlives the request — puts the previous values back afterwards,
 * because the server applies them to the one query, not to the session.
 */
final class ScopedSettings implements AutoCloseable {

  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PLAIN_LITERAL = Pattern.compile("-?\\d+(\\.\\d+)?|true|false");
  private static final int UNKNOWN_SETTING = 115;

  private final ChdbConnection connection;
  private final Map<String, String> previousSettings;
  private final String previousDatabase;

  private ScopedSettings(
      ChdbConnection connection, Map<String, String> previousSettings, String previousDatabase) {
    this.connection = connection;
    this.previousSettings = previousSettings;
    this.previousDatabase = previousDatabase;
  }

  /**
   * @param restoreAfterwards true for a session's connection; a per-request connection is
   *     discarded, so there is nothing to restore.
   */
  static ScopedSettings apply(
      ChdbConnection connection,
      Optional<String> database,
      Map<String, String> settings,
      boolean restoreAfterwards) {
    settings.keySet().forEach(ScopedSettings::checkName);
    Map<String, String> previous = new LinkedHashMap<>();
    String previousDatabase = null;
    if (restoreAfterwards) {
      if (database.isPresent()) {
        previousDatabase = connection.executeText("SELECT currentDatabase()").strip();
      }
      if (!settings.isEmpty()) {
        previous = currentValues(connection, settings);
      }
    }
    database.ifPresent(name -> connection.run("USE " + quoteIdentifier(name)));
    if (!settings.isEmpty()) {
      connection.run(setStatement(settings));
    }
    return new ScopedSettings(connection, previous, previousDatabase);
  }

  private static Map<String, String> currentValues(
      ChdbConnection connection, Map<String, String> settings) {
    StringBuilder names = new StringBuilder();
    for (String name : settings.keySet()) {
      names.append(names.length() == 0 ? "" : ", ").append(quoteString(name));
    }
    Map<String, String> values = new LinkedHashMap<>();
    String rows =
        connection.executeText(
            "SELECT name, value FROM system.settings WHERE name IN (" + names + ") FORMAT TSVRaw");
    for (String row : rows.split("\n")) {
      int tab = row.indexOf('\t');
      if (tab > 0) {
        values.put(row.substring(0, tab), row.substring(tab + 1));
      }
    }
    return values;
  }

  static String setStatement(Map<String, String> settings) {
    StringBuilder sql = new StringBuilder("SET ");
    boolean first = true;
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      sql.append(first ? "" : ", ")
          .append(setting.getKey())
          .append(" = ")
          .append(literal(setting.getValue()));
      first = false;
    }
    return sql.toString();
  }

  private static void checkName(String name) {
    if (!SETTING_NAME.matcher(name).matches()) {
      throw ClickHouseException.of(
          UNKNOWN_SETTING, "UNKNOWN_SETTING", "Unknown setting '" + name + "'");
    }
  }

  private static String literal(String value) {
    return PLAIN_LITERAL.matcher(value).matches() ? value : quoteString(value);
  }

  static String quoteString(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  static String quoteIdentifier(String name) {
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
  }

  @Override
  public void close() {
    if (previousDatabase != null) {
      connection.run("USE " + quoteIdentifier(previousDatabase));
    }
    if (!previousSettings.isEmpty()) {
      connection.run(setStatement(previousSettings));
    }
  }
}
