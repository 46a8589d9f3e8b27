package org.chuanbo.cli.superset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Superset's REST API as an admin uses it: a JWT login, then the CSRF token Superset asks of every
 * changing request (with the session cookie that goes with it).
 */
public final class SupersetApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final HttpClient http;
  private final String accessToken;
  private final String csrfToken;

  private SupersetApi(String url, HttpClient http, String accessToken, String csrfToken) {
    this.url = url;
    this.http = http;
    this.accessToken = accessToken;
    this.csrfToken = csrfToken;
  }

  /** Logs in as {@code user} and fetches a CSRF token. */
  public static SupersetApi login(String url, String user, String password)
      throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String body =
        JSON.writeValueAsString(
            Map.of("username", user, "password", password, "provider", "db", "refresh", true));
    JsonNode login =
        expectOk(
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/security/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString()),
            "login as " + user);
    String token = login.get("access_token").asText();
    JsonNode csrf =
        expectOk(
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/security/csrf_token/"))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString()),
            "CSRF token");
    return new SupersetApi(url, http, token, csrf.get("result").asText());
  }

  public JsonNode get(String path) throws IOException, InterruptedException {
    return expectOk(
        http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()),
        "GET " + path);
  }

  /** Every row of a paged list endpoint such as {@code /api/v1/security/roles/}. */
  public List<JsonNode> all(String path) throws IOException, InterruptedException {
    List<JsonNode> rows = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode answer = get(path + "?q=(page_size:100,page:" + page + ")");
      answer.get("result").forEach(rows::add);
      if (rows.size() >= answer.get("count").asInt() || answer.get("result").isEmpty()) {
        return rows;
      }
    }
  }

  /** A paged list endpoint's rows as name → id, the name read from {@code nameField}. */
  public Map<String, Integer> idsByName(String path, String nameField)
      throws IOException, InterruptedException {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (JsonNode row : all(path)) {
      ids.put(row.get(nameField).asText(), row.get("id").asInt());
    }
    return ids;
  }

  public JsonNode putJson(String path, Object body) throws IOException, InterruptedException {
    return expectOk(
        http.send(
            request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString()),
        "PUT " + path);
  }

  public JsonNode postJson(String path, Object body) throws IOException, InterruptedException {
    return expectOk(
        http.send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString()),
        "POST " + path);
  }

  /**
   * Imports an ImportV1 bundle ({@code /api/v1/database/import/} and friends): the ZIP as {@code
   * formData}, overwriting what exists, with the passwords of databases whose URI needs one.
   */
  public JsonNode importBundle(String path, byte[] zip, Map<String, String> passwords)
      throws IOException, InterruptedException {
    String boundary = "chuanbo-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    field(body, boundary, "overwrite", "true");
    field(body, boundary, "passwords", JSON.writeValueAsString(passwords));
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"formData\"; filename=\"chuanbo.zip\""
                + "\r\nContent-Type: application/zip\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(zip);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return expectOk(
        http.send(
            request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString()),
        "import " + path);
  }

  private static void field(ByteArrayOutputStream body, String boundary, String name, String value)
      throws IOException {
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n\r\n"
                + value
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + accessToken)
        .header("X-CSRFToken", csrfToken)
        .header("Referer", url);
  }

  private static JsonNode expectOk(HttpResponse<String> response, String what) throws IOException {
    if (response.statusCode() / 100 != 2) {
      String body = response.body().strip();
      throw new IllegalStateException(
          "Superset refused "
              + what
              + ": HTTP "
              + response.statusCode()
              + " "
              + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
    }
    return JSON.readTree(response.body());
  }
}
