package org.chuanbo.cli.browser;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools Protocol for tests that look at a
 * page as a person would: set a session cookie, open a page, wait until it has drawn what matters,
 * take a screenshot and read the page.
 *
 * <p>One browser process with a fresh profile under the caller's work directory, one page in it.
 * Chromium chooses its own DevTools port ({@code --remote-debugging-port=0}) and writes it to
 * {@code DevToolsActivePort} in the profile; this class opens the browser's WebSocket and attaches
 * to a page it creates ({@code Target.attachToTarget} with {@code flatten: true}), so everything
 * goes over one connection. Chromium's own output goes to {@code chromium-*-stderr.log} beside the
 * profile; {@link #close()} deletes the profile but leaves that log and every screenshot.
 *
 * <p>Timeouts: {@link #START_TIMEOUT} for Chromium to open DevTools, {@link #CALL_TIMEOUT} for any
 * one DevTools command, {@link #LOAD_TIMEOUT} for a page's load event.
 */
public final class HeadlessChromium implements AutoCloseable {

  /**
   * Where Debian's {@code chromium} package puts the browser. {@code /usr/bin/chromium} is a shell
   * wrapper that adds the flags of {@code /etc/chromium.d} (extensions, GPU rasterisation) and
   * whose {@code /dev/shm} check fails with a shell error on some machines; running the binary
   * itself gives Chromium exactly the flags below, and a process that is Chromium rather than a
   * shell.
   */
  static final Path DEBIAN_CHROMIUM = Path.of("/usr/lib/chromium/chromium");

  static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

  /** Below this much room in /dev/shm Chromium crashes on big pages (Debian bug #1072299). */
  private static final long ENOUGH_SHARED_MEMORY = 4_080_218_931L;

  private final Process process;
  private final Path profile;
  private final CdpConnection cdp;
  private final String page;
  private final Thread killOnJvmExit;
  private boolean closed;

  private HeadlessChromium(
      Process process, Path profile, CdpConnection cdp, String page, Thread killOnJvmExit) {
    this.process = process;
    this.profile = profile;
    this.cdp = cdp;
    this.page = page;
    this.killOnJvmExit = killOnJvmExit;
  }

  /**
   * Starts Debian's Chromium headless with a fresh profile under {@code workDir} and a window of
   * {@code width}×{@code height} CSS pixels, and opens a blank page in it.
   */
  public static HeadlessChromium start(Path workDir, int width, int height)
      throws IOException, InterruptedException {
    return start(DEBIAN_CHROMIUM, workDir, width, height);
  }

  static HeadlessChromium start(Path chromium, Path workDir, int width, int height)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(chromium)) {
      throw new IllegalStateException(
          "Chromium is not installed (no " + chromium + "): apt-get install chromium");
    }
    Files.createDirectories(workDir);
    Path profile = Files.createTempDirectory(workDir, "chromium-");
    Path log = workDir.resolve(profile.getFileName() + "-stderr.log");
    ProcessBuilder builder =
        new ProcessBuilder(command(chromium, profile, width, height))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Surefire and Failsafe preload the JVM's libjsig for the ClickHouse engine; not for Chromium.
    builder.environment().remove("LD_PRELOAD");
    Process process = builder.start();
    // A test that dies without close() must not leave a browser running after the JVM.
    Thread killOnJvmExit =
        new Thread(() -> killTree(process, Duration.ZERO), "kill chromium " + process.pid());
    Runtime.getRuntime().addShutdownHook(killOnJvmExit);
    CdpConnection cdp = null;
    try {
      cdp = CdpConnection.open(devToolsEndpoint(process, profile, log), CALL_TIMEOUT);
      String target =
          cdp.call(null, "Target.createTarget", object().put("url", "about:blank"), CALL_TIMEOUT)
              .path("targetId")
              .asText();
      String page =
          cdp.call(
                  null,
                  "Target.attachToTarget",
                  object().put("targetId", target).put("flatten", true),
                  CALL_TIMEOUT)
              .path("sessionId")
              .asText();
      cdp.call(page, "Page.enable", object(), CALL_TIMEOUT);
      // A created target starts as a background tab: pages that draw only what is in view
      // (Superset's dashboards) would wait forever. Make it the visible, focused one.
      cdp.call(page, "Page.bringToFront", object(), CALL_TIMEOUT);
      cdp.call(
          page, "Emulation.setFocusEmulationEnabled", object().put("enabled", true), CALL_TIMEOUT);
      // --window-size is the whole window in Chromium's headless mode, and the page gets less
      // height than that (613 of 700 px); pin the page's viewport so screenshots have the size
      // asked for.
      cdp.call(
          page,
          "Emulation.setDeviceMetricsOverride",
          object()
              .put("width", width)
              .put("height", height)
              .put("deviceScaleFactor", 1)
              .put("mobile", false),
          CALL_TIMEOUT);
      return new HeadlessChromium(process, profile, cdp, page, killOnJvmExit);
    } catch (IOException | RuntimeException | InterruptedException e) {
      if (cdp != null) {
        cdp.close();
      }
      killTree(process, Duration.ZERO);
      Runtime.getRuntime().removeShutdownHook(killOnJvmExit);
      throw e;
    }
  }

  private static List<String> command(Path chromium, Path profile, int width, int height)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "--window-size=" + width + "," + height,
                "--hide-scrollbars",
                "--lang=zh-CN"));
    // What Debian's wrapper would add on a machine with a small /dev/shm (a container's 64 MB).
    Path sharedMemory = Path.of("/dev/shm");
    if (!Files.isDirectory(sharedMemory)
        || Files.getFileStore(sharedMemory).getUsableSpace() < ENOUGH_SHARED_MEMORY) {
      command.add("--disable-dev-shm-usage");
    }
    command.add("about:blank");
    return command;
  }

  /** Chromium writes its DevTools port and browser path to the profile once it listens. */
  private static URI devToolsEndpoint(Process process, Path profile, Path log) throws IOException {
    Path activePort = profile.resolve("DevToolsActivePort");
    AtomicReference<List<String>> lines = new AtomicReference<>(List.of());
    try {
      await("Chromium's DevToolsActivePort")
          .atMost(START_TIMEOUT)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                if (Files.exists(activePort)) {
                  lines.set(Files.readAllLines(activePort));
                }
                return !process.isAlive()
                    || (lines.get().size() >= 2 && lines.get().get(1).startsWith("/devtools/"));
              });
    } catch (ConditionTimeoutException e) {
      throw new IOException(
          "Chromium did not open DevTools within " + START_TIMEOUT.toSeconds() + " s" + tail(log));
    }
    if (!process.isAlive()) {
      throw new IOException(
          "Chromium exited with status " + process.exitValue() + " on start" + tail(log));
    }
    return URI.create("ws://127.0.0.1:" + lines.get().get(0).trim() + lines.get().get(1).trim());
  }

  /** Sets a cookie as if {@code url} had sent it: its host, path and scheme decide the scope. */
  public void setCookie(String url, String name, String value) {
    JsonNode answer =
        cdp.call(
            page,
            "Network.setCookie",
            object().put("url", url).put("name", name).put("value", value),
            CALL_TIMEOUT);
    if (answer.has("success") && !answer.get("success").asBoolean()) {
      throw new CdpException("Chromium refused the cookie " + name + " for " + url);
    }
  }

  /**
   * Opens {@code url} and returns once the page's load event has fired: its HTML, scripts, styles
   * and images are in, but what scripts draw later (charts) may not be; {@link #waitFor} that.
   * Fails with Chromium's reason ({@code net::ERR_CONNECTION_REFUSED}) if the page could not be
   * fetched at all; an HTTP error status is a page like any other.
   */
  public void navigate(String url) {
    CompletableFuture<JsonNode> loaded = cdp.nextEvent(page, "Page.loadEventFired");
    JsonNode answer;
    try {
      answer = cdp.call(page, "Page.navigate", object().put("url", url), CALL_TIMEOUT);
    } catch (CdpException e) {
      cdp.forget(loaded);
      throw e;
    }
    if (answer.hasNonNull("errorText")) {
      cdp.forget(loaded);
      throw new CdpException("Cannot open " + url + ": " + answer.get("errorText").asText());
    }
    cdp.await(loaded, "load event from " + url, LOAD_TIMEOUT);
  }

  /**
   * The value of a JavaScript expression in the page, as JSON; a promise is awaited first. {@code
   * undefined} comes back as a missing node. Throws {@link JavaScriptException} with what the page
   * threw.
   */
  public JsonNode evaluate(String expression) {
    JsonNode answer =
        cdp.call(
            page,
            "Runtime.evaluate",
            object()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true),
            CALL_TIMEOUT);
    JsonNode thrown = answer.get("exceptionDetails");
    if (thrown != null) {
      JsonNode exception = thrown.path("exception");
      String description = exception.path("description").asText(exception.path("value").asText(""));
      throw new JavaScriptException(
          expression, description.isEmpty() ? thrown.path("text").asText() : description);
    }
    return answer.path("result").path("value");
  }

  /**
   * Evaluates {@code jsPredicate} every 100 ms until its value is truthy in JavaScript's sense.
   * After {@code timeout}, throws an {@link AssertionError} that names {@code what} and the last
   * value. A predicate that throws fails at once (write {@code a?.b} where {@code a} may not exist
   * yet); a lost execution context while the page navigates is waited through.
   */
  public void waitFor(String jsPredicate, Duration timeout, String what) {
    AtomicReference<String> lastValue = new AtomicReference<>("none yet");
    try {
      await(what)
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL_INTERVAL)
          .until(
              () -> {
                try {
                  JsonNode value = evaluate(jsPredicate);
                  lastValue.set(value.isMissingNode() ? "undefined" : value.toString());
                  return isTruthy(value);
                } catch (CdpException e) {
                  lastValue.set(e.getMessage());
                  return false;
                }
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "Waited "
              + timeout.toMillis()
              + " ms for "
              + what
              + ", but "
              + jsPredicate
              + " was still "
              + lastValue.get());
    }
  }

  private static boolean isTruthy(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.doubleValue() != 0;
    }
    if (value.isTextual()) {
      return !value.textValue().isEmpty();
    }
    return true;
  }

  /**
   * Writes a PNG of the viewport ({@code width}×{@code height} from {@link #start}), or with {@code
   * fullPage} of the whole page as far as it scrolls.
   */
  public void screenshot(Path png, boolean fullPage) {
    ObjectNode params = object().put("format", "png");
    if (fullPage) {
      JsonNode size =
          cdp.call(page, "Page.getLayoutMetrics", object(), CALL_TIMEOUT).path("cssContentSize");
      params.put("captureBeyondViewport", true);
      params.set(
          "clip",
          object()
              .put("x", 0)
              .put("y", 0)
              .put("width", Math.ceil(size.path("width").asDouble()))
              .put("height", Math.ceil(size.path("height").asDouble()))
              .put("scale", 1));
    }
    JsonNode shot = cdp.call(page, "Page.captureScreenshot", params, CALL_TIMEOUT);
    try {
      Path parent = png.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the screenshot " + png, e);
    }
  }

  /** The page's text as a person sees it ({@code document.body.innerText}). */
  public String text() {
    return evaluate("document.body ? document.body.innerText : ''").asText();
  }

  /** The browser's process, so a test can see that {@link #close()} ended it. */
  ProcessHandle process() {
    return process.toHandle();
  }

  /**
   * Asks Chromium to close, kills whatever of its process tree is left after {@link #EXIT_TIMEOUT},
   * and deletes the profile. Screenshots and Chromium's log stay.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      cdp.call(null, "Browser.close", object(), EXIT_TIMEOUT);
    } catch (CdpException e) {
      // Chromium may drop the connection before it answers; whatever is left is killed below.
    }
    cdp.close();
    killTree(process, EXIT_TIMEOUT);
    try {
      Runtime.getRuntime().removeShutdownHook(killOnJvmExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down, and the hook is running or has run.
    }
    deleteProfile();
  }

  /**
   * Gives the browser {@code grace} to exit, then kills it and every process it started that is
   * still there. The tree is read first: once the browser has exited, its children belong to init.
   */
  private static void killTree(Process process, Duration grace) {
    List<ProcessHandle> tree =
        Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    try {
      process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(p -> !hasEnded(p)).forEach(ProcessHandle::destroyForcibly);
    try {
      await("Chromium's processes " + tree.stream().map(ProcessHandle::pid).toList() + " to end")
          .atMost(EXIT_TIMEOUT)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> tree.stream().allMatch(HeadlessChromium::hasEnded));
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "Chromium processes still running after SIGKILL: "
              + tree.stream().filter(p -> !hasEnded(p)).map(ProcessHandle::pid).toList());
    }
  }

  /**
   * Whether the process has exited, counting a zombie as exited. The browser's children become
   * init's when it exits, and {@link ProcessHandle#isAlive()} counts them alive until init collects
   * them: a second or more on this machine, never under a container's init that does not reap.
   */
  static boolean hasEnded(ProcessHandle process) {
    if (!process.isAlive()) {
      return true;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // The state follows the command name in parentheses, which may itself hold parentheses.
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete Chromium's profile " + profile, e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return "; the last lines of "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "; see " + log;
    }
  }

  private static ObjectNode object() {
    return CdpConnection.JSON.createObjectNode();
  }
}
