package org.chuanbo.cli.superset;

import java.nio.file.Path;

/**
 * Where the local Superset keeps everything of its own: {@code .chuanbo/superset/} (git-ignored) —
 * its SQLite metadata, the generated secret key, the logins, the log and the server's pid.
 */
public record SupersetLayout(Path dir) {

  public static SupersetLayout under(Path stateRoot) {
    return new SupersetLayout(stateRoot.resolve("superset"));
  }

  Path secretKey() {
    return dir.resolve("secret_key");
  }

  /** {@code user=password} lines, mode 0600: the logins people's own tools can read. */
  public Path credentials() {
    return dir.resolve("credentials.properties");
  }

  public Path log() {
    return dir.resolve("superset.log");
  }

  Path setupLog() {
    return dir.resolve("setup.log");
  }

  Path pidFile() {
    return dir.resolve("superset.pid");
  }

  Path portFile() {
    return dir.resolve("superset.port");
  }

  /** The files unpacked from the dashboards module: install script, lock, configuration. */
  Path files() {
    return dir.resolve("files");
  }
}
