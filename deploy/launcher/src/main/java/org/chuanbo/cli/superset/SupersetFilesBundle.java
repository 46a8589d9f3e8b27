package org.chuanbo.cli.superset;

import java.net.URI;
import java.util.Map;
import org.chuanbo.dashboards.superset.SupersetBundle;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;

/** The dashboards' import bundles for one ClickHouse endpoint, and the passwords they need. */
public final class SupersetFilesBundle {

  private SupersetFilesBundle() {}

  /** The ZIP of {@code kind}, its database pointing at the endpoint's host and port. */
  public static byte[] of(SupersetBundle.Kind kind, ClickHouseEndpoint endpoint) {
    URI uri = URI.create(endpoint.url());
    return SupersetBundle.zip(kind, uri.getHost() + ":" + uri.getPort());
  }

  /** The password of the database file, supplied at import and never stored in the bundle. */
  public static Map<String, String> passwords(ClickHouseEndpoint endpoint) {
    return endpoint.password() == null || endpoint.password().isEmpty()
        ? Map.of()
        : Map.of(SupersetBundle.DATABASE_FILE, endpoint.password());
  }
}
