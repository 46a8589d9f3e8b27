package org.chuanbo.cli.superset;

import java.net.URI;
import java.util.Map;
import org.chuanbo.dashboards.superset.SupersetBundle;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;

/** The dashboards' import bundles for one ClickHouse endpoint, and the passwords they need. */
public final class SupersetFilesBundle {

  private SupersetFilesBundle() {}

  /** The ZIP of {@code kind}, its database the endpoint's host and port, read as its user. */
  public static byte[] of(SupersetBundle.Kind kind, ClickHouseEndpoint endpoint) {
    URI uri = URI.create(endpoint.url());
    boolean withPassword = endpoint.password() != null && !endpoint.password().isEmpty();
    return SupersetBundle.zip(
        kind, endpoint.user(), withPassword, uri.getHost() + ":" + uri.getPort());
  }

  /** The password of the database file, supplied at import and never stored in the bundle. */
  public static Map<String, String> passwords(ClickHouseEndpoint endpoint) {
    return endpoint.password() == null || endpoint.password().isEmpty()
        ? Map.of()
        : Map.of(SupersetBundle.DATABASE_FILE, endpoint.password());
  }
}
