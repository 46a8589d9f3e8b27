package org.chuanbo.clickhouse.local.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LibchdbLocationTest {

  @Test
  void shouldPinTheSameVersionAsTheFetchStep() throws IOException {
    Path lock = Path.of("..", "chdb", "libchdb.lock");
    assertThat(Files.readAllLines(lock)).contains("version=" + LibchdbLocation.PINNED_VERSION);
  }

  @Test
  void shouldParseTheEnginesErrorCode() {
    ClickHouseException error =
        ClickHouseException.fromEngineMessage(
            "Code: 60. DB::Exception: Unknown table. (UNKNOWN_TABLE)\n");
    assertThat(error.code()).isEqualTo(60);
    assertThat(error.getMessage())
        .isEqualTo("Code: 60. DB::Exception: Unknown table. (UNKNOWN_TABLE)");
  }

  @Test
  void shouldGiveUncodedErrorsTheServersGenericCode() {
    ClickHouseException error = ClickHouseException.fromEngineMessage("something broke");
    assertThat(error.code()).isEqualTo(1001);
    assertThat(error.getMessage()).startsWith("Code: 1001. DB::Exception: something broke");
  }
}
