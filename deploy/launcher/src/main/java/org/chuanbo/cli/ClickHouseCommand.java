package org.chuanbo.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.chuanbo.clickhouse.local.engine.ChdbEngine;
import org.chuanbo.clickhouse.local.engine.EngineExit;
import org.chuanbo.clickhouse.local.http.ClickHouseHttpServer;
import org.chuanbo.clickhouse.local.http.EndpointLimits;
import org.chuanbo.clickhouse.local.http.UserDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./chuanbo clickhouse}: the real ClickHouse engine behind the ClickHouse HTTP interface.
 */
@Command(
    name = "clickhouse",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the ClickHouse engine (chDB) over the ClickHouse HTTP interface until stopped (Ctrl-C or SIGTERM).",
      "Use it with jdbc:clickhouse://127.0.0.1:<port>, the official clients, curl or Superset."
    })
final class ClickHouseCommand implements Runnable {

  @Option(
      names = "--port",
      defaultValue = "8123",
      description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
  String host;

  @Option(
      names = "--data",
      defaultValue = ".chuanbo/clickhouse",
      description = "Directory that holds the data (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--user",
      description = "Require this user (default: user 'default' without a password).")
  String user;

  @Option(
      names = "--password",
      description = "Password of --user.",
      arity = "0..1",
      interactive = false)
  String password;

  @Option(
      names = "--credentials",
      paramLabel = "FILE",
      description =
          "Users from a file of user=password lines, each in the role its name contains: admin,"
              + " writer or reader (as .chuanbo/credentials.properties).")
  Path credentials;

  @Mixin EndpointLimitOptions limits = new EndpointLimitOptions();

  @Override
  public void run() {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
    }
    if (password != null && user == null) {
      throw new IllegalArgumentException(
          "--password needs --user: name the user the password belongs to");
    }
    if (credentials != null && user != null) {
      throw new IllegalArgumentException(
          "--credentials and --user exclude each other: name the users in one place");
    }
    UserDirectory users =
        credentials != null
            ? UserDirectory.withRoles(readCredentials(credentials))
            : user == null
                ? UserDirectory.defaultUserWithoutPassword()
                : UserDirectory.single(user, password);
    EndpointLimits endpointLimits = limits.limits();
    ChdbEngine engine = ChdbEngine.open(data);
    ClickHouseHttpServer server =
        ClickHouseHttpServer.start(engine, host, port, users, endpointLimits);
    // SIGTERM or Ctrl-C: let running queries finish, then leave (see EngineExit for why not exit).
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  System.out.println(
                      "ClickHouse endpoint stopped; data kept in " + engine.dataDirectory());
                  EngineExit.exit(0);
                },
                "clickhouse-shutdown"));
    System.out.printf(
        "ClickHouse %s (chDB) serving %s on %s (user %s), data in %s%n",
        engine.version(),
        "the HTTP interface",
        server.url(),
        users.describe(),
        engine.dataDirectory());
    System.out.flush();
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> readCredentials(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--credentials: cannot read " + file + " (" + e.getMessage() + ")");
    }
    Map<String, String> users = new TreeMap<>();
    properties
        .stringPropertyNames()
        .forEach(name -> users.put(name, properties.getProperty(name).strip()));
    return users;
  }
}
