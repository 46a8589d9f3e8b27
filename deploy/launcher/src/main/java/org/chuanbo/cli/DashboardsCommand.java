package org.chuanbo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.chuanbo.cli.superset.SupersetContent;
import org.chuanbo.cli.superset.SupersetFilesBundle;
import org.chuanbo.cli.superset.SupersetLayout;
import org.chuanbo.cli.superset.SupersetServer;
import org.chuanbo.dashboards.superset.ChuanboDashboards;
import org.chuanbo.dashboards.superset.SupersetBundle;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./chuanbo dashboards up|status|down}: Apache Superset on the local ClickHouse. */
@Command(
    name = "dashboards",
    mixinStandardHelpOptions = true,
    description =
        "Starts, inspects and stops Apache Superset on 127.0.0.1, reading the local ClickHouse, with the five dashboards; or writes them as a ZIP. State in .chuanbo/superset/.",
    subcommands = {
      DashboardsCommand.Up.class,
      DashboardsCommand.Status.class,
      DashboardsCommand.Down.class,
      DashboardsCommand.Bundle.class
    })
final class DashboardsCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static SupersetServer server() {
    return new SupersetServer(SupersetLayout.under(StackCommand.layout().root()));
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description =
          "Installs Superset (pinned, once, into ~/.cache/chuanbo), starts it in the background, connects it to ClickHouse and prints the URL and logins.")
  static final class Up implements Callable<Integer> {
    @Option(
        names = "--port",
        defaultValue = "8088",
        description = "Superset's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin ClickHouseOption clickHouse = new ClickHouseOption();

    @Override
    public Integer call() throws Exception {
      SupersetServer server = server();
      Optional<Integer> runningPort = server.running().flatMap(p -> server.port());
      if (runningPort.isPresent()) {
        System.out.println("Superset is already running: http://127.0.0.1:" + runningPort.get());
        return 0;
      }
      ClickHouseEndpoint endpoint = clickHouse.endpoint();
      System.err.println("starting Superset (the first time installs it: a minute or two) …");
      SupersetServer.Started started = server.up(port);
      SupersetLayout layout = SupersetLayout.under(StackCommand.layout().root());
      Map<String, String> newLogins = new LinkedHashMap<>(started.newLogins());
      newLogins.putAll(SupersetContent.publish(started.url(), layout, endpoint));
      System.out.println("Superset 已就绪 / ready: " + started.url());
      System.out.println("  ClickHouse 数据库 chuanbo → " + endpoint.url());
      for (Map.Entry<String, String> login : newLogins.entrySet()) {
        System.out.println("  新建登录 / new login: " + login.getKey() + " / " + login.getValue());
      }
      System.out.println("  登录信息 / logins: " + layout.credentials() + " (user=password, 0600)");
      System.out.println("  ./chuanbo dashboards down 停止 / stops it (./chuanbo stack down too)");
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Says whether Superset runs, and where.")
  static final class Status implements Runnable {
    @Override
    public void run() {
      System.out.println(describe(server()));
    }
  }

  /** One line for {@code dashboards status} and {@code stack status}. */
  static String describe(SupersetServer server) {
    return server
        .running()
        .map(
            process ->
                "Superset    http://127.0.0.1:"
                    + server.port().map(String::valueOf).orElse("?")
                    + "  (pid "
                    + process.pid()
                    + ")")
        .orElse("Superset    not running (./chuanbo dashboards up starts it)");
  }

  @Command(
      name = "bundle",
      mixinStandardHelpOptions = true,
      description =
          "Writes the five dashboards, their charts, datasets and the ClickHouse database as one"
              + " ZIP that any Superset 6 imports (Dashboards → Import). The password is asked at"
              + " import, never stored; row-level security is not in the ZIP.")
  static final class Bundle implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "The ZIP to write, e.g. chuanbo.zip.")
    Path out;

    @Mixin ClickHouseOption clickHouse = new ClickHouseOption();

    @Override
    public Integer call() throws Exception {
      Path parent = out.toAbsolutePath().getParent();
      if (!Files.isDirectory(parent)) {
        System.err.println(
            "dashboards bundle: the folder "
                + parent
                + " does not exist; create it or pick another --out");
        return 2;
      }
      Files.write(
          out, SupersetFilesBundle.of(SupersetBundle.Kind.DASHBOARDS, clickHouse.endpoint()));
      System.out.println(
          "wrote "
              + out
              + ": "
              + ChuanboDashboards.dashboards().size()
              + " dashboards, database chuanbo → "
              + clickHouse.endpoint().url());
      return 0;
    }
  }

  @Command(name = "down", mixinStandardHelpOptions = true, description = "Stops Superset.")
  static final class Down implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      System.out.println(server().down() ? "Superset stopped" : "Superset is not running");
      return 0;
    }
  }
}
