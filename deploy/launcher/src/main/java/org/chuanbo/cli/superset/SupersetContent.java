package org.chuanbo.cli.superset;

import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;

/**
 * What a started Superset is given, as its admin: the import bundle (the ClickHouse database,
 * overwritten on every start, so the assets in the repository win), then the readers' roles and
 * logins.
 */
public final class SupersetContent {

  private SupersetContent() {}

  /** Publishes everything; returns the logins created now, with their passwords. */
  public static Map<String, String> publish(
      String url, SupersetLayout layout, ClickHouseEndpoint clickHouse)
      throws IOException, InterruptedException {
    Properties logins = SupersetLogins.read(layout);
    SupersetApi api = SupersetApi.login(url, "admin", logins.getProperty("admin"));
    api.importBundle(
        "/api/v1/database/import/",
        SupersetFilesBundle.of(clickHouse),
        SupersetFilesBundle.passwords(clickHouse));
    Map<String, String> created = new SupersetAccess(api).ensure(logins);
    created.forEach(logins::setProperty);
    SupersetLogins.write(layout, logins);
    return created;
  }
}
