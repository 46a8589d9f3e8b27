package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.junit.jupiter.api.Test;

/**
 * The official ClickHouse JavaScript client ({@code @clickhouse/client}, pinned in {@code
 * src/test/js/package.json}, default settings) creates a table, inserts and reads back the same
 * rows; see {@code client-roundtrip.mjs} for every check.
 */
class JavaScriptClientITCase {

  @Test
  void shouldRoundTripRowsWithTheOfficialJavaScriptClient() throws Exception {
    Path work = Path.of("target", "js-client");
    Files.createDirectories(work);
    for (String file : List.of("package.json", "package-lock.json", "client-roundtrip.mjs")) {
      Files.copy(
          Path.of("src", "test", "js", file),
          work.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
    run(work, "npm", "ci", "--no-audit", "--no-fund");
    String table = LocalClickHouse.uniqueName("js_client");
    String output = run(work, "node", "client-roundtrip.mjs", LocalClickHouse.url(), table);
    assertThat(output).contains("\"ok\":true").contains("\"rows\":1000").contains("\"failures\":0");
  }

  private static String run(Path directory, String... command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(directory, "run-", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES))
        .as("%s finished in time", String.join(" ", command))
        .isTrue();
    String output = Files.readString(log);
    assertThat(process.exitValue())
        .as("%s failed:%n%s", String.join(" ", command), output)
        .isZero();
    return output;
  }
}
