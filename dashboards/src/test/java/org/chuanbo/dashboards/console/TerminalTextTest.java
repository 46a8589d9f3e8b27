package org.chuanbo.dashboards.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

  @Test
  void shouldReplaceEveryControlCharacterAndKeepTheRest() {
    assertThat(TerminalText.clean("标题\u001b[2J\u001b]0;owned\u0007\r\n\u009b31m\u007fend"))
        .isEqualTo("标题\uFFFD[2J\uFFFD]0;owned\uFFFD\uFFFD\uFFFD\uFFFD31m\uFFFDend")
        .doesNotContain("\u001b");
    assertThat(TerminalText.clean("贺州先锋：党建引领 (ok) ·")).isEqualTo("贺州先锋：党建引领 (ok) ·");
    assertThat(TerminalText.clean(null)).isEmpty();
  }

  @Test
  void shouldKeepEscapesOutOfConsoleTables() {
    String table =
        new ConsoleTable(List.of("标题", "阅读"), List.of(false, true))
            .row(List.of("\u001b[31m红色标题\u001b[0m", "12"))
            .render();
    assertThat(table).doesNotContain("\u001b").contains("\uFFFD[31m红色标题\uFFFD[0m");
  }
}
