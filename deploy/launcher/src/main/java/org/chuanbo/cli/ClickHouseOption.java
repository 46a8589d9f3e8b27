package org.chuanbo.cli;

import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import picocli.CommandLine.Option;

/**
 * {@code --clickhouse URL} for the commands that read ClickHouse for people: the given URL, else
 * the running stack's endpoint, else the default port. A picocli mixin, so the option reads the
 * same in every command.
 */
final class ClickHouseOption {

  @Option(
      names = "--clickhouse",
      description =
          "ClickHouse HTTP URL (default: the running stack's, else http://127.0.0.1:8123).")
  String url;

  ClickHouseEndpoint endpoint() {
    return url != null
        ? new ClickHouseEndpoint(url, "default", "")
        : StackCommand.runningOrDefaultPorts().clickHouseEndpoint();
  }
}
