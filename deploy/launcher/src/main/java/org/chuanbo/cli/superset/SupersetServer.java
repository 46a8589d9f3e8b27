package org.chuanbo.cli.superset;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The local Apache Superset: installed once into a cached virtual environment, configured under
 * {@link SupersetLayout}, served by gunicorn on 127.0.0.1 in the background (it outlives the
 * command that started it, like the stack), stopped by SIGTERM.
 */
public final class SupersetServer {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SupersetLayout layout;

  public SupersetServer(SupersetLayout layout) {
    this.layout = layout;
  }

  /** What {@link #up} did: the address, and the logins created now (empty when they existed). */
  public record Started(String url, Map<String, String> newLogins) {}

  /**
   * Installs what is missing, prepares the metadata database and the admin login, starts the server
   * and waits until it answers.
   */
  public Started up(int port) throws IOException, InterruptedException {
    Files.createDirectories(layout.dir());
    restrict(layout.dir(), "rwx------");
    SupersetFiles.unpack(layout.files());
    Path venv = install();
    ensureSecretKey();
    superset(venv, List.of("db", "upgrade"));
    superset(venv, List.of("init"));
    Map<String, String> newLogins = ensureAdmin(venv);
    start(venv, port);
    String url = "http://127.0.0.1:" + port;
    awaitHealthy(url);
    Files.writeString(layout.portFile(), Integer.toString(port));
    return new Started(url, newLogins);
  }

  /** The running server's pid, if its pid file names a live process. */
  public Optional<ProcessHandle> running() {
    try {
      if (!Files.exists(layout.pidFile())) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(layout.pidFile()).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The port the running server was started on. */
  public Optional<Integer> port() {
    try {
      return Optional.of(Integer.parseInt(Files.readString(layout.portFile()).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Stops the server (SIGTERM to gunicorn's master, which stops its workers); true if it ran. */
  public boolean down() throws IOException {
    Optional<ProcessHandle> server = running();
    if (server.isEmpty()) {
      return false;
    }
    server.get().destroy();
    try {
      server.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      server.get().descendants().forEach(ProcessHandle::destroyForcibly);
      server.get().destroyForcibly();
    }
    Files.deleteIfExists(layout.pidFile());
    return true;
  }

  /** Runs the install script: progress on the terminal, the environment's path as its answer. */
  private Path install() throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(layout.files().resolve("install-superset").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("Superset could not be installed (the line above says why)");
    }
    return Path.of(out.strip());
  }

  private void ensureSecretKey() throws IOException {
    if (!Files.exists(layout.secretKey())) {
      byte[] key = new byte[32];
      RANDOM.nextBytes(key);
      Files.writeString(layout.secretKey(), HexFormat.of().formatHex(key));
      restrict(layout.secretKey(), "rw-------");
    }
  }

  /** The admin login, created with a generated password the first time. */
  private Map<String, String> ensureAdmin(Path venv) throws IOException, InterruptedException {
    Properties logins = SupersetLogins.read(layout);
    if (logins.containsKey("admin")) {
      return Map.of();
    }
    String password = generatedPassword();
    superset(
        venv,
        List.of(
            "fab",
            "create-admin",
            "--username",
            "admin",
            "--firstname",
            "传播",
            "--lastname",
            "管理员",
            "--email",
            "admin@chuanbo.local",
            "--password",
            password));
    logins.setProperty("admin", password);
    SupersetLogins.write(layout, logins);
    return Map.of("admin", password);
  }

  static String generatedPassword() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** One {@code superset …} command of the CLI; its output goes to the setup log. */
  private void superset(Path venv, List<String> arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(venv.resolve("bin/superset").toString());
    command.addAll(arguments);
    ProcessBuilder builder =
        environment(new ProcessBuilder(command))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.setupLog().toFile()));
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "superset "
              + arguments.get(0)
              + " failed: "
              + lastLine(layout.setupLog())
              + " (see "
              + layout.setupLog()
              + ")");
    }
  }

  private void start(Path venv, int port) throws IOException {
    if (running().isPresent()) {
      throw new IllegalStateException(
          "Superset is already running (pid file "
              + layout.pidFile()
              + "); ./chuanbo dashboards down stops it");
    }
    List<String> command =
        List.of(
            venv.resolve("bin/gunicorn").toString(),
            "--workers",
            "2",
            "--bind",
            "127.0.0.1:" + port,
            "--timeout",
            "120",
            "--pid",
            layout.pidFile().toString(),
            "superset.app:create_app()");
    environment(new ProcessBuilder(command))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log().toFile()))
        .start();
  }

  private ProcessBuilder environment(ProcessBuilder builder) {
    Map<String, String> env = builder.environment();
    env.put("SUPERSET_CONFIG_PATH", layout.files().resolve("superset_config.py").toString());
    env.put("CHUANBO_SUPERSET_HOME", layout.dir().toString());
    env.put("SUPERSET_HOME", layout.dir().toString());
    env.put("FLASK_APP", "superset");
    // The engine's libjsig preload is for the JVM, not for Python.
    env.remove("LD_PRELOAD");
    return builder;
  }

  private void awaitHealthy(String url) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (Files.exists(layout.pidFile()) && running().isEmpty()) {
        break;
      }
      Thread.sleep(500);
    }
    down();
    throw new IllegalStateException(
        "Superset did not answer on "
            + url
            + ": "
            + lastLine(layout.log())
            + " (see "
            + layout.log()
            + ")");
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).strip();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "no output";
  }

  static void restrict(Path path, String permissions) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
  }
}
