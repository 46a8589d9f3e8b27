package org.chuanbo.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chuanbo.cli.stack.StackLog;

/**
 * Starts {@code ./chuanbo ARGUMENTS} as a background process of its own, the way {@code stack up}
 * and {@code cluster up} start their long-running halves: its own session (Ctrl-C in this terminal
 * does not stop it), this JVM's classpath and properties, output appended to a log.
 */
final class DetachedCli {

  private DetachedCli() {}

  static Process start(List<String> arguments, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid");
    }
    command.addAll(ChildCli.command(arguments));
    StackLog.rotateIfLarge(log, StackLog.LIMIT_BYTES);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }
}
