package org.chuanbo.kafka.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code java} command for a main class on this JVM's own class path.
 *
 * <p>The broker runs in its own JVM so that its threads, heap and {@code System.exit} calls
 * (Kafka's tools exit the JVM when done) never touch the caller's. Reusing {@code java.class.path}
 * means the broker runs exactly the jars this module resolved, with no distribution to download:
 * the launcher's {@code lib/*}, an IDE's class path, or the test class path that Surefire and
 * Failsafe put in {@code java.class.path} of their forked JVMs.
 */
final class ChildJvm {

  /**
   * The broker logs through SLF4J; select slf4j-simple even if the caller's class path holds
   * another binding, and send everything to stdout, which the caller redirects to a file. Kafka's
   * config dumps (a thousand lines per start) are left out; server.properties holds our settings.
   */
  private static final List<String> LOGGING =
      List.of(
          "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider",
          "-Dorg.slf4j.simpleLogger.logFile=System.out",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
          "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.config.AbstractConfig=warn",
          "-Dorg.slf4j.simpleLogger.showDateTime=true",
          "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");

  private ChildJvm() {}

  static ProcessBuilder command(String mainClass, List<String> jvmOptions, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Djava.awt.headless=true");
    command.addAll(LOGGING);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(arguments);
    return new ProcessBuilder(command);
  }
}
