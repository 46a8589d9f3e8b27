package org.chuanbo.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.util.EnvironmentInformation;

/** Where the figures were measured: they mean little without the machine and the versions. */
public record BenchEnvironment(
    int cores, String java, String flink, String clickHouse, String gitCommit, String os) {

  public static BenchEnvironment here(Path projectRoot, String clickHouseVersion) {
    return new BenchEnvironment(
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        EnvironmentInformation.getVersion(),
        clickHouseVersion,
        gitCommit(projectRoot),
        System.getProperty("os.name") + " " + System.getProperty("os.version"));
  }

  /** The checkout's commit, with "-dirty" when it has changes; "unknown" outside a checkout. */
  static String gitCommit(Path root) {
    try {
      String commit = git(root, "rev-parse", "HEAD");
      if (commit.isEmpty()) {
        return "unknown";
      }
      return git(root, "status", "--porcelain", "--untracked-files=no").isEmpty()
          ? commit
          : commit + "-dirty";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static String git(Path root, String... arguments)
      throws IOException, InterruptedException {
    String[] command = new String[arguments.length + 3];
    command[0] = "git";
    command[1] = "-C";
    command[2] = root.toString();
    System.arraycopy(arguments, 0, command, 3, arguments.length);
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
      return "";
    }
    return out;
  }
}
