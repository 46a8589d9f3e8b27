package org.chuanbo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * A command run in this JVM through the real command line ({@link ChuanboCli#commandLine}: parsing,
 * error handling, exit status), its output captured: for commands that only read ClickHouse, so a
 * test need not start a JVM per run.
 */
record CommandRun(int exitCode, String out, String err) {

  static CommandRun of(String... arguments) {
    return with(CommandLine.defaultFactory(), arguments);
  }

  static CommandRun with(CommandLine.IFactory factory, String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = ChuanboCli.commandLine(factory);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(arguments);
    return new CommandRun(exitCode, out.toString(), err.toString());
  }

  List<String> errLines() {
    return err.lines().filter(line -> !line.isBlank()).toList();
  }
}
