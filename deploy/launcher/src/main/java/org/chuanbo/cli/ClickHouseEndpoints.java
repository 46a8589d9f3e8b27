package org.chuanbo.cli;

import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;

/** Where the reading commands find ClickHouse: the {@code --clickhouse} URL, else the stack's. */
final class ClickHouseEndpoints {

  private ClickHouseEndpoints() {}

  /** {@code url} when given, else the running stack's endpoint, else the default port. */
  static ClickHouseEndpoint fromOption(String url) {
    return url != null
        ? new ClickHouseEndpoint(url, "default", "")
        : StackCommand.runningOrDefaultPorts().clickHouseEndpoint();
  }
}
