package org.chuanbo.cli;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientException;
import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.chuanbo.dashboards.console.NamedQueries;
import org.chuanbo.dashboards.monthly.CsvExport;
import org.chuanbo.dashboards.monthly.MonthlyReport;
import org.chuanbo.dashboards.monthly.MonthlyReportQuery;
import org.chuanbo.dashboards.monthly.PdfExport;
import org.chuanbo.dashboards.monthly.ReportMonth;
import org.chuanbo.dashboards.monthly.ReportScope;
import org.chuanbo.dashboards.monthly.XlsxExport;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./chuanbo report …}: the reports an office files. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "The reports an office files: the monthly report (月报).",
    subcommands = {ReportCommand.Monthly.class})
final class ReportCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The export formats, in the order they are written. */
  enum Format {
    XLSX,
    CSV,
    PDF
  }

  @Command(
      name = "monthly",
      mixinStandardHelpOptions = true,
      description = {
        "Writes the monthly report (月报) of one office or of the city for a month",
        "(Asia/Shanghai), in Chinese: totals vs last month and last year, per office,",
        "channel and series, the top 20 pieces by DI, outlets, cascade depth, the",
        "daily trend and a data-quality note; XLSX (with charts), CSV and PDF files",
        "chuanbo-monthly-<month>-<office>.xlsx, .pdf and -<section>.csv."
      })
  static final class Monthly implements Runnable {

    @Spec CommandSpec spec;

    /** When the report says it was made; tests set a fixed one. */
    Clock clock = Clock.systemUTC();

    private ReportMonth month;
    private ReportScope scope = ReportScope.ALL;
    private Set<Format> formats = EnumSet.allOf(Format.class);

    @Option(
        names = "--month",
        required = true,
        paramLabel = "YYYY-MM",
        description = "The month, e.g. 2026-10 (Shanghai time).")
    void setMonth(String text) {
      try {
        month = ReportMonth.parse(text);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }

    @Option(
        names = "--office",
        paramLabel = "CODE",
        description =
            "hz, bb, pg, zs, zp, fc (that office's pieces only), or all, the city-wide report"
                + " (default).")
    void setOffice(String code) {
      try {
        scope = ReportScope.parse(code);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }

    @Option(
        names = "--format",
        paramLabel = "LIST",
        description = "Comma-separated: xlsx, csv, pdf (default: all three).")
    void setFormat(String list) {
      Set<Format> chosen = EnumSet.noneOf(Format.class);
      for (String part : list.split(",", -1)) {
        String name = part.trim().toUpperCase(Locale.ROOT);
        try {
          chosen.add(Format.valueOf(name));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(
              spec.commandLine(),
              "--format takes xlsx, csv and pdf, comma-separated; got '" + part.trim() + "'");
        }
      }
      formats = chosen;
    }

    @Option(
        names = "--out",
        paramLabel = "DIR",
        defaultValue = ".",
        description = "Where to write the files (created if missing; default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin ClickHouseOption clickHouse = new ClickHouseOption();

    @Override
    public void run() {
      PrintWriter err = spec.commandLine().getErr();
      PrintWriter stdout = spec.commandLine().getOut();
      if (formats.contains(Format.PDF)) {
        PdfExport.requireFont();
      }
      ClickHouseEndpoint endpoint = endpoint();
      requireReachable(endpoint);
      String who = "月报 " + month + " " + scope.code();
      MonthlyReport report;
      try (Client client = endpoint.newClient()) {
        report =
            new MonthlyReportQuery(
                    new NamedQueries(client), step -> progress(err, who + "：" + step))
                .load(month, scope, clock.instant())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "no events in "
                                + month
                                + " for "
                                + (scope == ReportScope.ALL
                                    ? "any office"
                                    : "office " + scope.code())
                                + " in "
                                + endpoint.url()
                                + "; nothing to report (is it the right month and ClickHouse?)"));
      } catch (ClientException | ServerException e) {
        throw new IllegalStateException(
            "could not read ClickHouse at " + endpoint.url() + ": " + firstLine(e), e);
      }
      List<Path> written = new ArrayList<>();
      try {
        Files.createDirectories(out);
      } catch (IOException e) {
        throw new UncheckedIOException("could not create " + out + ": " + e.getMessage(), e);
      }
      if (formats.contains(Format.XLSX)) {
        progress(err, who + "：写入 XLSX");
        written.add(XlsxExport.write(report, out));
      }
      if (formats.contains(Format.CSV)) {
        progress(err, who + "：写入 CSV");
        written.addAll(CsvExport.write(report, out));
      }
      if (formats.contains(Format.PDF)) {
        progress(err, who + "：写入 PDF");
        written.add(PdfExport.write(report, out));
      }
      for (Path file : written) {
        stdout.println(file);
      }
      stdout.flush();
    }

    private ClickHouseEndpoint endpoint() {
      return clickHouse.endpoint();
    }

    /**
     * One plain HTTP request before the client's: the client retries a refused connection and logs
     * each attempt with a stack trace, where a person needs one line.
     */
    private static void requireReachable(ClickHouseEndpoint endpoint) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      try {
        URI ping = URI.create(endpoint.url().replaceAll("/+$", "") + "/ping");
        http.send(
            HttpRequest.newBuilder(ping).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalStateException(
            "cannot reach ClickHouse at "
                + endpoint.url()
                + " ("
                + firstLine(e)
                + "); start it with ./chuanbo stack up, or pass --clickhouse URL");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    private static void progress(PrintWriter err, String line) {
      err.println("chuanbo: " + line);
      err.flush();
    }

    private static String firstLine(Exception e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getMessage() == null) {
        cause = cause.getCause();
      }
      String message =
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return message.lines().findFirst().orElse(message);
    }
  }
}
