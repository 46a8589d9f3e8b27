package org.chuanbo.cli.superset;

import java.net.URI;
import java.util.Map;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;

/** The dashboards' import bundle for one ClickHouse endpoint, and the passwords it needs. */
public final class SupersetFilesBundle {

  private SupersetFilesBundle() {}

  /** The ZIP, its database pointing at the endpoint's host and port. */
  public static byte[] of(ClickHouseEndpoint endpoint) {
    URI uri = URI.create(endpoint.url());
    return SupersetFiles.bundle(uri.getHost() + ":" + uri.getPort());
  }

  /** The password of the database file, supplied at import and never stored in the bundle. */
  public static Map<String, String> passwords(ClickHouseEndpoint endpoint) {
    return endpoint.password() == null || endpoint.password().isEmpty()
        ? Map.of()
        : Map.of("databases/chuanbo.yaml", endpoint.password());
  }
}
