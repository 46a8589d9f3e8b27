package org.chuanbo.clickhouse.local.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.chuanbo.clickhouse.local.engine.ChdbConnection;

/**
 * Settings the endpoint gives a value of its own on every connection a request runs on, unless the
 * request sets them itself.
 *
 * <p>{@code enable_http_compression} = 0, the default of ClickHouse servers before 25.10 (25.10
 * made it 1, which chDB 26.5 reports). This endpoint compresses an answer only when the request
 * says {@code enable_http_compression=1}, and clickhouse-connect says so only when {@code
 * system.settings} shows 0 when it connects; with 1 it sends {@code Accept-Encoding} alone and
 * expects the server's own default to compress. Reporting 0 keeps what the endpoint reports and
 * what it does the same.
 */
final class ServerDefaults {

  static final Map<String, String> SETTINGS = Map.of("enable_http_compression", "0");

  private ServerDefaults() {}

  /**
   * The settings to apply to a request's own connection: the defaults, the role's limits, then the
   * request's (which {@link StatementAccess} has checked do not raise the limits).
   */
  static Map<String, String> under(
      Map<String, String> roleSettings, Map<String, String> requestSettings) {
    Map<String, String> settings = new LinkedHashMap<>(SETTINGS);
    settings.putAll(roleSettings);
    settings.putAll(requestSettings);
    return settings;
  }

  /**
   * A session's connection starts with the defaults and the role's limits; the session may change
   * the defaults with SET, but not the limits ({@link StatementAccess}).
   */
  static ChdbConnection applied(ChdbConnection connection, Map<String, String> roleSettings) {
    Map<String, String> settings = new LinkedHashMap<>(SETTINGS);
    settings.putAll(roleSettings);
    try {
      connection.run(ScopedSettings.setStatement(settings));
      return connection;
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }
}
