package org.chuanbo.clickhouse.local.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chuanbo.clickhouse.local.engine.ChdbConnection;
import org.chuanbo.clickhouse.local.engine.ChdbEngine;
import org.chuanbo.clickhouse.local.engine.ChdbResult;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;
import org.chuanbo.clickhouse.local.engine.QueryStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the ClickHouse HTTP interface: authenticates, reads the statement (the {@code query}
 * parameter, the body, or the parameter followed by the body as the INSERT's data), runs it on a
 * connection of its own — or the session's — and sends the result with the server's headers.
 */
final class QueryHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);

  private static final String DEFAULT_FORMAT = "TabSeparated";
  private static final int SYNTAX_ERROR = 62;
  private static final int UNKNOWN_COMPRESSION_METHOD = 89;

  private final ChdbEngine engine;
  private final UserDirectory users;
  private final SessionRegistry sessions;
  private final InsertSpool spool;

  QueryHandler(
      ChdbEngine engine, UserDirectory users, SessionRegistry sessions, InsertSpool spool) {
    this.engine = engine;
    this.users = users;
    this.sessions = sessions;
    this.spool = spool;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (IOException e) {
      // The client went away mid-response; nothing left to tell it.
      LOG.debug("connection lost while answering {}: {}", exchange.getRequestURI(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("unexpected failure answering {}", exchange.getRequestURI(), e);
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    HttpQueryRequest request =
        new HttpQueryRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders());
    if (path.equals("/ping") || path.equals("/replicas_status")) {
      sendText(exchange, 200, "Ok.\n");
      return;
    }
    if (!path.equals("/") && !path.equals("/query")) {
      sendText(
          exchange, 404, "There is no handle " + path + "\n\nUse / or /ping for health checks.\n");
      return;
    }
    if (request.isGet() && request.query().isEmpty()) {
      sendText(exchange, 200, "Ok.\n");
      return;
    }
    String queryId = request.queryId().orElseGet(() -> UUID.randomUUID().toString());
    Headers response = exchange.getResponseHeaders();
    response.set("X-ClickHouse-Query-Id", queryId);
    response.set("X-ClickHouse-Timezone", engine.timezone());
    response.set("X-ClickHouse-Server-Display-Name", "chuanbo-local");
    try {
      String user = users.authenticate(request.user(), request.password());
      execute(exchange, request, user);
    } catch (ClickHouseException e) {
      sendError(exchange, e);
    }
  }

  private void execute(HttpExchange exchange, HttpQueryRequest request, String user)
      throws IOException {
    try (InputStream body = decodedBody(exchange.getRequestBody(), request);
        RequestStatement statement =
            RequestStatement.read(request.query(), body, request.contentLength(), spool)) {
      if (statement.isEmpty()) {
        throw ClickHouseException.of(SYNTAX_ERROR, "SYNTAX_ERROR", "Empty query");
      }
      StatementHead head = statement.head();
      String format = request.defaultFormat().orElse(DEFAULT_FORMAT);
      String announcedFormat = head.isInsert() ? format : head.format().orElse(format);

      SessionRegistry.Session session =
          request.sessionId().isPresent()
              ? sessions.acquire(
                  user,
                  request.sessionId().get(),
                  request.sessionTimeout().orElse(null),
                  request.sessionCheck())
              : null;
      ChdbConnection connection = session != null ? session.connection() : engine.openConnection();
      boolean sessionHeld = session != null;
      try {
        // A session's connection got the server defaults when the session began.
        Map<String, String> settings =
            session != null
                ? new LinkedHashMap<>(request.settings())
                : ServerDefaults.under(request.settings());
        if (session == null && request.isGet()) {
          // A GET never changes data, as on the server: readonly=2 still allows settings.
          settings.put("readonly", "2");
        }
        ChdbResult result;
        try (ScopedSettings ignored =
            ScopedSettings.apply(connection, request.database(), settings, session != null)) {
          result = connection.execute(statement.statement(), format, request.parameters());
        }
        try (ChdbResult answer = result) {
          if (sessionHeld) {
            // Free the session before the answer travels: a client that sends its next query
            // the moment it has read this answer must not find the session still locked (373).
            sessionHeld = false;
            session.release(request.closeSession());
          }
          sendResult(exchange, request, announcedFormat, answer);
        }
      } finally {
        if (sessionHeld) {
          session.release(request.closeSession());
        } else if (session == null) {
          connection.close();
        }
      }
    }
  }

  private static InputStream decodedBody(InputStream raw, HttpQueryRequest request) {
    String encoding = request.contentEncoding();
    InputStream body = raw;
    if (!encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
      HttpContentCoding coding =
          HttpContentCoding.named(encoding)
              .filter(HttpContentCoding::isAvailable)
              .orElseThrow(
                  () ->
                      ClickHouseException.of(
                          UNKNOWN_COMPRESSION_METHOD,
                          "UNKNOWN_COMPRESSION_METHOD",
                          "Unknown HTTP content encoding '"
                              + encoding
                              + "' (this endpoint reads gzip, deflate, lz4, zstd and br)"));
      body = new ContentDecodingInputStream(raw, coding);
    }
    return request.decompressRequest() ? new CompressedBlockInputStream(body) : body;
  }

  private void sendResult(
      HttpExchange exchange, HttpQueryRequest request, String format, ChdbResult result)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    long length = result.length();
    headers.set("X-ClickHouse-Format", format);
    headers.set("Content-Type", ResponseContentType.of(format));
    headers.set("X-ClickHouse-Summary", summary(result.statistics(), length));
    Optional<HttpContentCoding> coding = responseCoding(request);
    coding.ifPresent(c -> headers.set("Content-Encoding", c.token()));
    boolean transformed = request.compressResponse() || coding.isPresent();
    if (!transformed) {
      exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
      try (OutputStream out = exchange.getResponseBody()) {
        result.writeTo(out);
      }
      return;
    }
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    if (coding.isPresent()) {
      out = coding.get().encoder(out, request.httpCompressionLevel());
    }
    if (request.compressResponse()) {
      out = new CompressedBlockOutputStream(out);
    }
    try (OutputStream body = out) {
      result.writeTo(body);
    }
  }

  /**
   * The coding of the answer: with {@code enable_http_compression=1}, the one the client prefers
   * among those it accepts; else none.
   */
  private static Optional<HttpContentCoding> responseCoding(HttpQueryRequest request) {
    if (!request.httpCompressionEnabled()) {
      return Optional.empty();
    }
    return HttpContentCoding.preferredBy(request.acceptEncoding());
  }

  private static String summary(QueryStatistics statistics, long resultBytes) {
    return String.format(
        Locale.ROOT,
        "{\"read_rows\":\"%d\",\"read_bytes\":\"%d\",\"written_rows\":\"%d\",\"written_bytes\":\"%d\","
            + "\"total_rows_to_read\":\"%d\",\"result_rows\":\"0\",\"result_bytes\":\"%d\",\"elapsed_ns\":\"%d\"}",
        statistics.rowsRead(),
        statistics.bytesRead(),
        statistics.rowsWritten(),
        statistics.bytesWritten(),
        statistics.rowsRead(),
        resultBytes,
        (long) (statistics.elapsedSeconds() * 1e9));
  }

  private void sendError(HttpExchange exchange, ClickHouseException error) throws IOException {
    exchange
        .getResponseHeaders()
        .set("X-ClickHouse-Exception-Code", Integer.toString(error.code()));
    String message = error.getMessage();
    if (!message.contains("(version ")) {
      message = message + " (version " + engine.version() + ")";
    }
    sendText(exchange, ErrorHttpStatus.forCode(error.code()), message + "\n");
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
