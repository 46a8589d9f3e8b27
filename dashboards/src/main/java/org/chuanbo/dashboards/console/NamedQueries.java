package org.chuanbo.dashboards.console;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The report queries of {@code dashboards/queries/}, one {@code .sql} file each, run with
 * server-side parameters ({@code {name:Type}}), never by pasting values into SQL.
 */
public final class NamedQueries {

  private final Client client;

  public NamedQueries(Client client) {
    this.client = client;
  }

  public List<GenericRecord> run(String name, Map<String, Object> parameters) {
    return client.queryAll(sql(name), parameters);
  }

  static String sql(String name) {
    String path = "queries/" + name + ".sql";
    try (InputStream in = NamedQueries.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing query " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
