package org.chuanbo.cli;

import com.clickhouse.client.api.Client;
import java.io.PrintWriter;
import java.time.Clock;
import org.chuanbo.dashboards.console.DiCalibration;
import org.chuanbo.dashboards.console.DiConfigProposal;
import org.chuanbo.dashboards.console.NamedQueries;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./chuanbo di …}: the dissemination index (传播力指数) and its configuration. */
@Command(
    name = "di",
    mixinStandardHelpOptions = true,
    description = "The dissemination index (传播力指数): calibrates its caps from history.",
    subcommands = {DiCommand.Calibrate.class})
final class DiCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "calibrate",
      mixinStandardHelpOptions = true,
      description = {
        "Proposes new DI caps from the pieces updated in the last days; writes no file.",
        "For each component: count, p50, p90, p99 and max of its values, the current cap",
        "(latest di_config version) and a proposed one (p99 rounded up to a readable",
        "number); then the next version's properties text, same weights, proposed caps."
      })
  static final class Calibrate implements Runnable {

    @Spec CommandSpec spec;

    /** The time the window ends; tests set a fixed one. */
    Clock clock = Clock.systemUTC();

    private int days;

    @Option(
        names = "--days",
        defaultValue = "90",
        paramLabel = "N",
        description = "Look at pieces updated in the last N days (default: ${DEFAULT-VALUE}).")
    void setDays(int days) {
      if (days < 1) {
        throw new ParameterException(spec.commandLine(), "--days must be at least 1, got " + days);
      }
      this.days = days;
    }

    @Mixin ClickHouseOption clickHouse = new ClickHouseOption();

    @Override
    public void run() {
      ClickHouseEndpoint endpoint = clickHouse.endpoint();
      PrintWriter out = spec.commandLine().getOut();
      // picocli's writer flushes on println only, and the launcher exits without flushing it.
      try (Client client = endpoint.newClient()) {
        DiCalibration.Result result =
            DiCalibration.observe(new NamedQueries(client), days, clock.instant())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "no piece in chuanbo.article_spread was updated in the last "
                                + days
                                + " days; nothing to calibrate (try a larger --days)"));
        out.println(DiCalibration.render(result));
        if (!result.configured()) {
          throw new IllegalStateException(
              "chuanbo.di_config holds no version, so there are no weights to carry over"
                  + " (./chuanbo migrate copies schemas/dissemination-index/ into it)");
        }
        int next = result.configVersion() + 1;
        out.printf(
            "建议的 v%d.properties（未写入任何文件；审阅后保存为 schemas/dissemination-index/v%d.properties，"
                + "并加入同目录的 index.txt）：%n%n",
            next, next);
        out.print(DiConfigProposal.properties(result));
      } finally {
        out.flush();
      }
    }
  }
}
