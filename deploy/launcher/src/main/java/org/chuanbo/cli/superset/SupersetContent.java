package org.chuanbo.cli.superset;

import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import org.chuanbo.dashboards.superset.SupersetBundle;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;

/**
 * What a started Superset is given, as its admin: the import bundles (the ClickHouse database, the
 * datasets, charts and dashboards, overwritten on every start, so the assets in the repository
 * win), then the readers' roles and logins, then the row-level security of the editors.
 */
public final class SupersetContent {

  private SupersetContent() {}

  /** Publishes everything; returns the logins created now, with their passwords. */
  public static Map<String, String> publish(
      String url, SupersetLayout layout, ClickHouseEndpoint clickHouse)
      throws IOException, InterruptedException {
    Properties logins = SupersetLogins.read(layout);
    SupersetApi api = SupersetApi.login(url, "admin", logins.getProperty("admin"));
    // One import per kind, each overwriting: a dashboard import alone leaves charts and datasets
    // that already exist as they were.
    for (SupersetBundle.Kind kind : SupersetBundle.Kind.values()) {
      api.importBundle(
          kind.importPath(),
          SupersetFilesBundle.of(kind, clickHouse),
          SupersetFilesBundle.passwords(clickHouse));
    }
    Map<String, String> created = new SupersetAccess(api).ensure(logins);
    new SupersetRowSecurity(api).apply();
    created.forEach(logins::setProperty);
    SupersetLogins.write(layout, logins);
    return created;
  }
}
