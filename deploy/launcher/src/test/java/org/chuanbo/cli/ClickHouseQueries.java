package org.chuanbo.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A test's own read of ClickHouse over plain HTTP, as TSV: nothing between it and the engine. */
final class ClickHouseQueries {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ClickHouseQueries() {}

  static String tsv(String url, String sql) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        url
                            + "/?query="
                            + URLEncoder.encode(sql + " FORMAT TSV", StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "ClickHouse: HTTP " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
