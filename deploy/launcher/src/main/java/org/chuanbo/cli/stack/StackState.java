package org.chuanbo.cli.stack;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What the running stack wrote about itself: its process, its ports, how far it got and whether it
 * runs its own job ({@code stack up --no-job} leaves that to a Flink cluster). Written atomically
 * by the stack process, read by {@code stack up/status/down} and the other commands.
 */
public record StackState(long pid, StackPorts ports, String phase, boolean runsJob) {

  public static final String STARTING = "starting";
  public static final String READY = "ready";
  public static final String FAILED = "failed";

  public void writeTo(Path file) {
    Properties properties = new Properties();
    properties.setProperty("pid", Long.toString(pid));
    properties.setProperty("kafka.port", Integer.toString(ports.kafka()));
    properties.setProperty("clickhouse.port", Integer.toString(ports.clickHouse()));
    properties.setProperty("flink.port", Integer.toString(ports.flink()));
    properties.setProperty("phase", phase);
    properties.setProperty("job", Boolean.toString(runsJob));
    StateFile.write(file, properties, "written by the running local stack");
  }

  public static Optional<StackState> readFrom(Path file) {
    Optional<Properties> read = StateFile.read(file);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Properties properties = read.get();
    try {
      return Optional.of(
          new StackState(
              Long.parseLong(properties.getProperty("pid")),
              new StackPorts(
                  Integer.parseInt(properties.getProperty("kafka.port")),
                  Integer.parseInt(properties.getProperty("clickhouse.port")),
                  Integer.parseInt(properties.getProperty("flink.port"))),
              properties.getProperty("phase"),
              !"false".equals(properties.getProperty("job"))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public boolean processAlive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
