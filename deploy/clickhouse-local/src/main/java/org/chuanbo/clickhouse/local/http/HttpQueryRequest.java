package org.chuanbo.clickhouse.local.http;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One request to the HTTP interface, read as ClickHouse reads it: URL parameters split into the
 * interface's own parameters, query parameters ({@code param_<name>}) and settings (everything
 * else), plus the {@code X-ClickHouse-*} and authentication headers.
 */
final class HttpQueryRequest {

  /** URL parameters that the interface itself consumes; every other one is a setting. */
  private static final Set<String> INTERFACE_PARAMETERS =
      Set.of(
          "query",
          "database",
          "default_format",
          "user",
          "password",
          "quota_key",
          "query_id",
          "session_id",
          "session_timeout",
          "session_check",
          "close_session",
          "compress",
          "decompress",
          "buffer_size",
          "wait_end_of_query",
          "stacktrace",
          "role",
          "client_protocol_version");

  private final String method;
  private final Map<String, String> url = new LinkedHashMap<>();
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final Map<String, String> parameters = new LinkedHashMap<>();
  private final Headers headers;

  HttpQueryRequest(String method, String rawQuery, Headers headers) {
    this.method = method;
    this.headers = headers;
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (name.startsWith("param_")) {
          parameters.put(name.substring("param_".length()), value);
        } else if (INTERFACE_PARAMETERS.contains(name)) {
          url.put(name, value);
        } else {
          settings.put(name, value);
        }
      }
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  boolean isGet() {
    return method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD");
  }

  Optional<String> query() {
    return Optional.ofNullable(url.get("query"));
  }

  Optional<String> database() {
    return firstOf(url.get("database"), headers.getFirst("X-ClickHouse-Database"));
  }

  Optional<String> defaultFormat() {
    return firstOf(url.get("default_format"), headers.getFirst("X-ClickHouse-Format"));
  }

  Optional<String> queryId() {
    return firstOf(url.get("query_id"), null);
  }

  Optional<String> sessionId() {
    return firstOf(url.get("session_id"), null);
  }

  Optional<String> sessionTimeout() {
    return firstOf(url.get("session_timeout"), null);
  }

  boolean sessionCheck() {
    return isTrue(url.get("session_check"));
  }

  boolean closeSession() {
    return isTrue(url.get("close_session"));
  }

  /** {@code compress=1}: the response body in ClickHouse's compressed block format. */
  boolean compressResponse() {
    return isTrue(url.get("compress"));
  }

  /** {@code decompress=1}: the request body is in ClickHouse's compressed block format. */
  boolean decompressRequest() {
    return isTrue(url.get("decompress"));
  }

  /** {@code enable_http_compression=1} is both a setting and the switch for compressed answers. */
  boolean httpCompressionEnabled() {
    return isTrue(settings.get("enable_http_compression"));
  }

  /** {@code http_zlib_compression_level}, the level of every coding of the answer (default 3). */
  int httpCompressionLevel() {
    String value = settings.get("http_zlib_compression_level");
    try {
      return value == null ? HttpContentCoding.DEFAULT_LEVEL : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return HttpContentCoding.DEFAULT_LEVEL;
    }
  }

  String acceptEncoding() {
    String value = headers.getFirst("Accept-Encoding");
    return value == null ? "" : value;
  }

  String contentEncoding() {
    String value = headers.getFirst("Content-Encoding");
    return value == null ? "" : value.trim();
  }

  long contentLength() {
    String value = headers.getFirst("Content-Length");
    try {
      return value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  Map<String, String> settings() {
    return settings;
  }

  Map<String, String> parameters() {
    return parameters;
  }

  /** The user, from X-ClickHouse-User, HTTP Basic, or the {@code user} URL parameter. */
  String user() {
    return firstOf(headers.getFirst("X-ClickHouse-User"), basic(0), url.get("user"))
        .orElse("default");
  }

  /** Whether the password came in the {@code password} URL parameter. */
  boolean passwordInUrl() {
    return url.containsKey("password") && !url.get("password").isEmpty();
  }

  /**
   * The page a browser sent this request from: its {@code Origin}, or a cross-site {@code
   * Sec-Fetch-Site}. Programs send neither.
   */
  Optional<String> browserOrigin() {
    String origin = headers.getFirst("Origin");
    if (origin != null) {
      return Optional.of(origin);
    }
    String site = headers.getFirst("Sec-Fetch-Site");
    if (site != null && !site.equalsIgnoreCase("none")) {
      return Optional.of("a " + site + " page");
    }
    return Optional.empty();
  }

  String password() {
    return firstOf(headers.getFirst("X-ClickHouse-Key"), basic(1)).orElse("");
  }

  private String basic(int part) {
    String authorization = headers.getFirst("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return part == 0 ? decoded : "";
      }
      return part == 0 ? decoded.substring(0, colon) : decoded.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isTrue(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }

  private static Optional<String> firstOf(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isEmpty()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
