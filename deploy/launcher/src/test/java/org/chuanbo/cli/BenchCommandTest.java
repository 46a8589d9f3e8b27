package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad {@code bench} flag is refused in one line, before any stack is started. */
class BenchCommandTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--events|0|--events must be at least 1, got 0",
        "--events|-5|--events must be at least 1, got -5",
        "--rate|0|--rate must be between 1 and 1000000 events/s, got 0",
        "--query-rows|10|--query-rows must be at least 1000, got 10",
        "--parallelism|0|--parallelism must be at least 1, got 0",
        "--freshness-duration|PT0.5S|--freshness-duration must be at least PT1S, got PT0.5S",
        "--query-runs|0|--query-runs must be at least 1, got 0",
        "--only|e2e|--only must be 'queries', got 'e2e'"
      })
  void shouldRefuseABadFlagInOneLine(String flag, String value, String message) {
    CommandRun run = CommandRun.of("bench", flag, value);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .containsExactly("chuanbo: " + message + " (see ./chuanbo bench --help)");
  }

  @Test
  void shouldRefuseAFlagThatIsNotANumberInOneLine() {
    CommandRun run = CommandRun.of("bench", "--events", "many");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("chuanbo: ").contains("--events");
  }
}
