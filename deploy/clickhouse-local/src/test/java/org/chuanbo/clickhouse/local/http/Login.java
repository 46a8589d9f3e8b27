package org.chuanbo.clickhouse.local.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A user of an endpoint under test, sending statements the way the official clients do. */
record Login(PlainHttp http, String user, String password) {

  HttpResponse<byte[]> post(String sql) {
    return post("/", sql);
  }

  HttpResponse<byte[]> post(String pathAndQuery, String body) {
    return http.send(
        signed(pathAndQuery)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  HttpResponse<byte[]> get(String sql) {
    return getPath("/?query=" + PlainHttp.encode(sql));
  }

  HttpResponse<byte[]> getPath(String pathAndQuery) {
    return http.send(signed(pathAndQuery).GET());
  }

  HttpRequest.Builder signed(String pathAndQuery) {
    HttpRequest.Builder request = http.requestTo(pathAndQuery);
    if (!password.isEmpty()) {
      request.header("X-ClickHouse-User", user).header("X-ClickHouse-Key", password);
    }
    return request;
  }

  /** The answer's ClickHouse error code, or 0 when it succeeded. */
  static int code(HttpResponse<byte[]> response) {
    return response
        .headers()
        .firstValue("X-ClickHouse-Exception-Code")
        .map(Integer::parseInt)
        .orElse(0);
  }
}
