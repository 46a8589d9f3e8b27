package org.chuanbo.clickhouse.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chuanbo.clickhouse.local.engine.ChdbConnection;
import org.chuanbo.clickhouse.local.engine.ChdbEngine;
import org.chuanbo.clickhouse.local.engine.NativeStatement;
import org.chuanbo.clickhouse.local.http.ClickHouseHttpServer;
import org.chuanbo.clickhouse.local.http.UserDirectory;

/**
 * Measures what the HTTP interface costs: the same RowBinary insert of narrow rows, once through
 * {@code POST /?query=INSERT … FORMAT RowBinary} and once straight into the engine, alternating,
 * best and median of several rounds. The in-process baseline gets its statement ready in native
 * memory and its rows in a file before the clock starts (the engine reads an INSERT's data with
 * {@code FROM INFILE}, as the HTTP interface does; see {@code InsertSpool}), so the ratio charges
 * the HTTP path with everything it adds: the request, the socket, spooling the body.
 */
public final class InsertThroughputBenchmark {

  private static final String TABLE = "bench_narrow_rows";
  private static final int ROW_BYTES = 8 + 4 + 4;

  private final Path dataDirectory;
  private final int rows;
  private final int rounds;

  public InsertThroughputBenchmark(Path dataDirectory, int rows, int rounds) {
    this.dataDirectory = dataDirectory;
    this.rows = rows;
    this.rounds = rounds;
  }

  public Report run() {
    byte[] body = rowBinary(rows);
    String insert = "INSERT INTO " + TABLE + " FORMAT RowBinary";
    // The engine stays open: it lives as long as the process (see EngineExit).
    ChdbEngine engine = ChdbEngine.open(dataDirectory);
    try (ClickHouseHttpServer server =
            ClickHouseHttpServer.start(
                engine, "127.0.0.1", 0, UserDirectory.defaultUserWithoutPassword());
        ChdbConnection connection = engine.openConnection()) {
      connection.run("DROP TABLE IF EXISTS " + TABLE);
      connection.run(
          "CREATE TABLE "
              + TABLE
              + " (id UInt64, value UInt32, at DateTime) ENGINE = MergeTree ORDER BY id");
      Path rowsFile = Files.createTempFile("chuanbo-bench-", ".rowbinary");
      Files.write(rowsFile, body);
      NativeStatement statement =
          NativeStatement.of(
              "INSERT INTO " + TABLE + " FROM INFILE '" + rowsFile + "' FORMAT RowBinary");
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI uri =
          URI.create(server.url() + "/?query=" + URLEncoder.encode(insert, StandardCharsets.UTF_8));
      List<Double> inProcess = new ArrayList<>();
      List<Double> overHttp = new ArrayList<>();
      // One unmeasured round each warms the JIT, the page cache and the engine.
      for (int round = -1; round < rounds; round++) {
        double engineSeconds =
            timed(() -> connection.execute(statement, "TabSeparated", Map.of()).close());
        checkCount(connection);
        double httpSeconds = timed(() -> post(client, uri, body));
        checkCount(connection);
        if (round >= 0) {
          inProcess.add(rows / engineSeconds);
          overHttp.add(rows / httpSeconds);
        }
      }
      statement.release();
      Files.delete(rowsFile);
      connection.run("DROP TABLE " + TABLE);
      return new Report(rows, rounds, inProcess, overHttp);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the benchmark's rows file: " + e.getMessage(), e);
    }
  }

  private void checkCount(ChdbConnection connection) {
    long count = Long.parseLong(connection.executeText("SELECT count() FROM " + TABLE).strip());
    if (count != rows) {
      throw new IllegalStateException("expected " + rows + " rows after an insert, found " + count);
    }
    connection.run("TRUNCATE TABLE " + TABLE);
  }

  private static void post(HttpClient client, URI uri, byte[] body) {
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "HTTP insert failed: " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("HTTP insert failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static double timed(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1e9;
  }

  /** Deterministic narrow rows: id, a small value, a timestamp in 2026. */
  static byte[] rowBinary(int rows) {
    ByteBuffer buffer = ByteBuffer.allocate(rows * ROW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < rows; i++) {
      buffer.putLong(i);
      buffer.putInt((int) ((i * 2654435761L) % 100_000));
      buffer.putInt(1_767_225_600 + i % 86_400);
    }
    return buffer.array();
  }

  /** Rows per second of both paths, and HTTP as a share of in-process. */
  public record Report(int rows, int rounds, List<Double> inProcess, List<Double> overHttp) {

    public double bestInProcess() {
      return Collections.max(inProcess);
    }

    public double bestOverHttp() {
      return Collections.max(overHttp);
    }

    public double medianInProcess() {
      return median(inProcess);
    }

    public double medianOverHttp() {
      return median(overHttp);
    }

    public double ratio() {
      return bestOverHttp() / bestInProcess();
    }

    public String describe() {
      return String.format(
          Locale.ROOT,
          "clickhouse-bench: %,d narrow rows (UInt64, UInt32, DateTime) in RowBinary, best / median of %d rounds%n"
              + "  in-process (engine call)   %,14.0f rows/s   median %,14.0f%n"
              + "  HTTP interface (POST)      %,14.0f rows/s   median %,14.0f%n"
              + "  HTTP / in-process          %13.1f %%",
          rows,
          rounds,
          bestInProcess(),
          median(inProcess),
          bestOverHttp(),
          median(overHttp),
          100 * ratio());
    }

    private static double median(List<Double> values) {
      List<Double> sorted = new ArrayList<>(values);
      Collections.sort(sorted);
      int middle = sorted.size() / 2;
      return sorted.size() % 2 == 1
          ? sorted.get(middle)
          : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
  }
}
