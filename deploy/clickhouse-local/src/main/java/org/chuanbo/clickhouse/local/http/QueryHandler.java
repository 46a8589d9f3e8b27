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
  private static final int AUTHENTICATION_FAILED = 516;
  private static final long MAX_DRAIN_BYTES = 64L << 20;

  private final ChdbEngine engine;
  private final UserDirectory users;
  private final SessionRegistry sessions;
  private final InsertSpool spool;
  private final StatementAccess access;
  private final EndpointLimits limits;
  private final QueryLanes lanes;
  private final FailedLogins failedLogins;
  private final ClientWatch clientWatch;

  QueryHandler(
      ChdbEngine engine,
      UserDirectory users,
      SessionRegistry sessions,
      InsertSpool spool,
      StatementAccess access,
      EndpointLimits limits,
      FailedLogins failedLogins,
      ClientWatch clientWatch) {
    this.engine = engine;
    this.users = users;
    this.sessions = sessions;
    this.spool = spool;
    this.access = access;
    this.limits = limits;
    this.lanes = new QueryLanes(limits);
    this.failedLogins = failedLogins;
    this.clientWatch = clientWatch;
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
    Optional<String> page = request.browserOrigin();
    if (page.isPresent()) {
      // A web page can POST text/plain here without asking (no CORS preflight); refuse them all.
      sendText(
          exchange,
          403,
          "Requests from web pages are refused (Origin: "
              + page.get()
              + "): this endpoint answers programs, not browsers.\n");
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
      if (request.passwordInUrl()) {
        // URLs end up in logs, proxies and shell history; a password there is as good as public.
        throw ClickHouseException.of(
            AUTHENTICATION_FAILED,
            "AUTHENTICATION_FAILED",
            "the password was sent in the URL; send it in the X-ClickHouse-Key header or with"
                + " Basic authentication instead");
      }
      UserDirectory.User user;
      try {
        user = users.authenticate(request.user(), request.password());
      } catch (ClickHouseException e) {
        failedLogins.pauseAfterFailure(exchange.getRemoteAddress().getAddress());
        throw e;
      }
      if (request.contentLength() > limits.maxBodyBytes()) {
        throw LimitedBody.tooLarge(limits.maxBodyBytes());
      }
      execute(exchange, request, user);
    } catch (ClickHouseException e) {
      sendError(exchange, e);
    }
  }

  private void execute(HttpExchange exchange, HttpQueryRequest request, UserDirectory.User user)
      throws IOException {
    String marker = ClientWatch.marker();
    try (InputStream body =
            new LimitedBody(
                decodedBody(exchange.getRequestBody(), request), limits.maxBodyBytes());
        RequestStatement statement =
            RequestStatement.read(request.query(), body, request.contentLength(), spool, marker)) {
      if (statement.isEmpty()) {
        throw ClickHouseException.of(SYNTAX_ERROR, "SYNTAX_ERROR", "Empty query");
      }
      if (StatementHead.hasSecondStatement(statement.userStatement())) {
        throw ClickHouseException.of(
            SYNTAX_ERROR,
            "SYNTAX_ERROR",
            "Multi-statements are not allowed: send one statement per request");
      }
      StatementAccess.checkRequestSettings(user, request.settings(), limits);
      StatementHead head = statement.head();
      String format = request.defaultFormat().orElse(DEFAULT_FORMAT);
      String announcedFormat = head.isInsert() ? format : head.format().orElse(format);

      try (QueryLanes.Place place = lanes.enter(user.role(), head.isInsert())) {
        run(exchange, request, user, statement, announcedFormat, format, marker);
      }
    }
  }

  private void run(
      HttpExchange exchange,
      HttpQueryRequest request,
      UserDirectory.User user,
      RequestStatement statement,
      String announcedFormat,
      String format,
      String marker)
      throws IOException {
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
      StatementAccess.Verdict verdict =
          access.check(
              user, request.isGet(), statement.userStatement(), request.parameters(), connection);
      // A session's connection got the server defaults and the role's limits when it began.
      Map<String, String> settings =
          session != null
              ? new LinkedHashMap<>(request.settings())
              : ServerDefaults.under(
                  limits.settingsFor(user.role(), statement.head().isInsert()), request.settings());
      if (session == null && verdict == StatementAccess.Verdict.READS) {
        // The engine enforces what the endpoint decided: a read runs read-only (2 still allows
        // settings; a request asking for the stricter 1 keeps it).
        settings.put("readonly", "1".equals(request.settings().get("readonly")) ? "1" : "2");
      }
      ChdbResult result;
      try (ScopedSettings ignored =
              ScopedSettings.apply(connection, request.database(), settings, session != null);
          ClientWatch.Watching watching =
              clientWatch.watch(exchange.getRemoteAddress().getPort(), marker)) {
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

  private InputStream decodedBody(InputStream raw, HttpQueryRequest request) {
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
    return request.decompressRequest()
        ? new CompressedBlockInputStream(body, limits.maxBlockBytes())
        : body;
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
    drainUnreadBody(exchange);
    exchange
        .getResponseHeaders()
        .set("X-ClickHouse-Exception-Code", Integer.toString(error.code()));
    String message = error.getMessage();
    if (!message.contains("(version ")) {
      message = message + " (version " + engine.version() + ")";
    }
    sendText(exchange, ErrorHttpStatus.forCode(error.code()), message + "\n");
  }

  /**
   * Reads and drops what is left of a refused request's body, up to a bound. Closing a connection
   * with unread bytes makes the kernel reset it, and the reset can destroy the error on its way to
   * the client; a body beyond the bound is not worth reading, and the client gets the reset.
   */
  private static void drainUnreadBody(HttpExchange exchange) {
    try {
      InputStream body = exchange.getRequestBody();
      byte[] discard = new byte[64 * 1024];
      long left = MAX_DRAIN_BYTES;
      for (int read = body.read(discard); read > 0 && left > 0; read = body.read(discard)) {
        left -= read;
      }
    } catch (IOException | RuntimeException e) {
      // The client went away, or the body is broken: nothing to save.
    }
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
