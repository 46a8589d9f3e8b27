package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chuanbo.clickhouse.local.engine.JvmSignalChaining;
import org.chuanbo.kafka.local.LoopbackPorts;

/** Runs {@code ./chuanbo …} as its own process, as a user would, from a given project root. */
final class CliProcess {

  private final Process process;
  private final Path output;

  private CliProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static CliProcess start(Path root, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djdk.attach.allowAttachSelf=true"); // as ./chuanbo starts it
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dchuanbo.cache=" + System.getProperty("chuanbo.cache"));
    command.add("-Dchuanbo.root=" + root);
    command.add(ChuanboCli.class.getName());
    command.addAll(List.of(arguments));
    Path output = Files.createTempFile(root, "cli-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("LD_PRELOAD", JvmSignalChaining.libjsig().toString());
    return new CliProcess(builder.start(), output);
  }

  /** {@code --kafka-port P --clickhouse-port P --flink-port P}, each a free port. */
  static List<String> freeStackPorts() throws IOException {
    return List.of(
        "--kafka-port", Integer.toString(LoopbackPorts.freePort()),
        "--clickhouse-port", Integer.toString(LoopbackPorts.freePort()),
        "--flink-port", Integer.toString(LoopbackPorts.freePort()));
  }

  static CliProcess run(Path root, List<String> first, List<String> more)
      throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(first);
    all.addAll(more);
    return run(root, all.toArray(String[]::new));
  }

  static CliProcess run(Path root, String... arguments) throws IOException, InterruptedException {
    CliProcess cli = start(root, arguments);
    assertThat(cli.process.waitFor(5, TimeUnit.MINUTES))
        .as("./chuanbo %s finished", String.join(" ", arguments))
        .isTrue();
    return cli;
  }

  CliProcess expectSuccess() throws IOException {
    assertThat(process.exitValue()).as("exit status; output:%n%s", output()).isZero();
    return this;
  }

  Process process() {
    return process;
  }

  String output() throws IOException {
    return Files.readString(output);
  }
}
