package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders cleanly: no picocli format warning (a bare '%' in a text). */
class HelpTextTest {

  @Test
  void everyCommandsHelpRendersWithoutAWarning() {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int commands = 0;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      Deque<CommandLine> pending = new ArrayDeque<>();
      pending.push(ChuanboCli.commandLine());
      while (!pending.isEmpty()) {
        CommandLine command = pending.pop();
        assertThat(command.getUsageMessage()).isNotBlank();
        commands++;
        command.getSubcommands().values().forEach(pending::push);
      }
    } finally {
      System.setErr(originalErr);
    }
    assertThat(commands).as("the launcher and its subcommands").isGreaterThan(8);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
