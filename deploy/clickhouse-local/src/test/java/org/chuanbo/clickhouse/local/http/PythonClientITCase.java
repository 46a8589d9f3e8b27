package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.junit.jupiter.api.Test;

/**
 * clickhouse-connect, Superset's ClickHouse driver (pinned in {@code
 * src/test/python/requirements.txt} with everything it imports), with its default settings:
 * lz4-compressed inserts of every column type the project's tables use read back equal, a query
 * with parameters, compressed answers; then zstd, br, gzip and deflate. See {@code
 * clickhouse_connect_roundtrip.py} for every check. The driver runs in a virtual environment that
 * {@code install-clickhouse-connect} creates once, outside the repository.
 */
class PythonClientITCase {

  private static final Path PYTHON = Path.of("src", "test", "python");

  @Test
  void shouldRoundTripRowsWithClickHouseConnectsDefaults() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "python-client"));
    String installed =
        run(
            work,
            10,
            "bash",
            PYTHON.resolve("install-clickhouse-connect").toAbsolutePath().toString());
    List<String> lines = installed.strip().lines().toList();
    String python = lines.get(lines.size() - 1);
    assertThat(Path.of(python)).as("the environment's python").isExecutable();

    URI endpoint = URI.create(LocalClickHouse.url());
    String table = LocalClickHouse.uniqueName("py_client");
    String output =
        run(
            work,
            5,
            python,
            PYTHON.resolve("clickhouse_connect_roundtrip.py").toAbsolutePath().toString(),
            endpoint.getHost(),
            Integer.toString(endpoint.getPort()),
            table);
    assertThat(output)
        .contains("\"ok\": true")
        .contains("\"clickhouse_connect\": \"1.12.0\"")
        .contains("\"rows\": 20000")
        .contains("\"failures\": 0");
  }

  private static String run(Path directory, int minutes, String... command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(directory, "run-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    String cache = System.getProperty("chuanbo.cache");
    if (cache != null && !cache.isBlank()) {
      builder.environment().put("CHUANBO_CACHE", cache);
    }
    // The environment's own packages only: nothing of the caller's Python setup leaks in.
    for (String variable : List.of("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")) {
      builder.environment().remove(variable);
    }
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process process = builder.start();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          String.join(" ", command)
              + " did not finish in "
              + minutes
              + " minutes:\n"
              + Files.readString(log));
    }
    String output = Files.readString(log);
    assertThat(process.exitValue())
        .as("%s failed:%n%s", String.join(" ", command), output)
        .isZero();
    return output;
  }
}
