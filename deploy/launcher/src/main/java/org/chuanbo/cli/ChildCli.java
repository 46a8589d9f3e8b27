package org.chuanbo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs {@code ./chuanbo ARGUMENTS} in a JVM of its own: this JVM's Java, classpath
 * and Chuanbo properties. For what must not share this process — a long-running half that outlives
 * it ({@link DetachedCli}), or a second ClickHouse engine, which chDB allows only one of per
 * process (the bench's insert phase).
 */
public final class ChildCli {

  private ChildCli() {}

  public static List<String> command(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dchuanbo.root=" + ProjectRoot.path());
    for (String property : List.of("chuanbo.libchdb", "chuanbo.cache")) {
      if (System.getProperty(property) != null) {
        command.add("-D" + property + "=" + System.getProperty(property));
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChuanboCli.class.getName());
    command.addAll(arguments);
    return command;
  }
}
