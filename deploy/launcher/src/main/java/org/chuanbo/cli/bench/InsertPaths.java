package org.chuanbo.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chuanbo.cli.ChildCli;
import org.chuanbo.clickhouse.local.bench.InsertThroughputBenchmark;

/**
 * Insert rows/s through the HTTP endpoint against the engine itself: {@code ./chuanbo
 * clickhouse-bench} run in a JVM of its own, because chDB allows one engine per process and the
 * bench's stack already holds one. Its figures come back through the JSON it writes.
 */
public final class InsertPaths {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Best and median rows/s of each path over the rounds. */
  public record Result(
      int rows,
      int rounds,
      double inProcessRowsPerSecond,
      double httpRowsPerSecond,
      double inProcessMedian,
      double httpMedian,
      double seconds) {

    /** HTTP as a share of in-process, best against best. */
    public double httpRatio() {
      return httpRowsPerSecond / inProcessRowsPerSecond;
    }
  }

  private InsertPaths() {}

  static Result run(Path directory, int rows, int rounds, Progress progress) {
    progress.line(
        "inserts: %,d rows in RowBinary over HTTP and in-process, %d rounds each"
            + " (./chuanbo clickhouse-bench in its own JVM) …",
        rows, rounds);
    long start = System.nanoTime();
    try {
      Files.createDirectories(directory);
      Path json = directory.resolve("figures.json");
      Path log = directory.resolve("clickhouse-bench.log");
      Files.deleteIfExists(json);
      Process process =
          new ProcessBuilder(
                  ChildCli.command(
                      List.of(
                          "clickhouse-bench",
                          "--rows",
                          Integer.toString(rows),
                          "--rounds",
                          Integer.toString(rounds),
                          "--data",
                          directory.resolve("data").toString(),
                          "--json",
                          json.toString())))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "clickhouse-bench did not finish in 10 minutes; see " + log);
      }
      if (process.exitValue() != 0 || !Files.exists(json)) {
        throw new IllegalStateException(
            "clickhouse-bench failed (exit " + process.exitValue() + "); see " + log);
      }
      return read(json, (System.nanoTime() - start) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while clickhouse-bench ran", e);
    }
  }

  /** What {@code clickhouse-bench --json} writes. */
  public static void write(InsertThroughputBenchmark.Report report, Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("rows", report.rows());
    root.put("rounds", report.rounds());
    root.put("in_process_rows_per_s", Math.round(report.bestInProcess()));
    root.put("http_rows_per_s", Math.round(report.bestOverHttp()));
    root.put("in_process_median_rows_per_s", Math.round(report.medianInProcess()));
    root.put("http_median_rows_per_s", Math.round(report.medianOverHttp()));
    try {
      JSON.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static Result read(Path file, double seconds) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    return new Result(
        root.get("rows").asInt(),
        root.get("rounds").asInt(),
        root.get("in_process_rows_per_s").asDouble(),
        root.get("http_rows_per_s").asDouble(),
        root.get("in_process_median_rows_per_s").asDouble(),
        root.get("http_median_rows_per_s").asDouble(),
        seconds);
  }
}
