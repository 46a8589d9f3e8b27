package org.chuanbo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chuanbo.cli.stack.StackCredentials;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import picocli.CommandLine.Option;

/**
 * {@code --clickhouse URL}, {@code --user}, {@code --password-file} for the commands that read
 * ClickHouse for people. By default the running stack's endpoint (else the default port) as the
 * stack's reader, from {@code .chuanbo/credentials.properties}. A picocli mixin, so the options
 * read the same in every command.
 */
final class ClickHouseOption {

  @Option(
      names = "--clickhouse",
      paramLabel = "URL",
      description =
          "ClickHouse HTTP URL (default: the running stack's, else http://127.0.0.1:8123).")
  String url;

  @Option(
      names = "--user",
      paramLabel = "USER",
      description =
          "ClickHouse user (default: the local stack's user for this command, from"
              + " .chuanbo/credentials.properties; with --clickhouse, default).")
  String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "A file holding the password of --user (default: none). Never on the command line,"
              + " where other users of the machine can read it.")
  Path passwordFile;

  /** Where to read, and as whom: by default the stack's reader. */
  ClickHouseEndpoint endpoint() {
    return endpointAs(StackCredentials.READER);
  }

  /** The endpoint as {@code stackUser} of the stack unless --clickhouse or --user say otherwise. */
  ClickHouseEndpoint endpointAs(String stackUser) {
    if (url == null && user == null) {
      return StackCommand.endpointAs(StackCommand.runningOrDefaultPorts(), stackUser);
    }
    String base = url != null ? url : StackCommand.runningOrDefaultPorts().clickHouseUrl();
    return new ClickHouseEndpoint(base, user != null ? user : "default", password());
  }

  private String password() {
    if (passwordFile == null) {
      return "";
    }
    try {
      return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--password-file: cannot read " + passwordFile + " (" + e.getMessage() + ")");
    }
  }
}
