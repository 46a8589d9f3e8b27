package org.chuanbo.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@link HeadlessChromium} against pages served here on 127.0.0.1: a members' page that only a
 * session cookie opens, a chart drawn after a delay, a page taller than the window. Each test gets
 * its own browser and its own folder under {@code target/headless-chromium-itcase/}, where its
 * screenshots stay for a person to look at.
 */
class HeadlessChromiumITCase {

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 700;
  private static final String SESSION = "chuanbo-test-session";
  private static final int TALL_PAGE_HEIGHT = 3000;

  /** The chart's bars; the screenshot test looks for this colour where the first bar is drawn. */
  private static final int BAR_RGB = 0xC8102E;

  private static HttpServer server;
  private static String base;
  private static final AtomicReference<String> lastMembersCookie = new AtomicReference<>();

  private Path workDir;
  private HeadlessChromium chromium;

  @BeforeAll
  static void servePages() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/members",
        exchange -> {
          String cookie = exchange.getRequestHeaders().getFirst("Cookie");
          lastMembersCookie.set(cookie);
          boolean loggedIn = cookie != null && cookie.contains("session=" + SESSION);
          respond(exchange, page(loggedIn ? "<h1>欢迎回来，八步区</h1>" : "<h1>请先登录</h1>"));
        });
    server.createContext(
        "/chart",
        exchange -> {
          // /chart?delay=MS draws the chart that many milliseconds after the page has loaded.
          String delay = exchange.getRequestURI().getQuery().replace("delay=", "");
          respond(exchange, chartPage(Long.parseLong(delay)));
        });
    server.createContext(
        "/redirect",
        exchange ->
            respond(
                exchange,
                page(
                    "<p>正在跳转</p><script>setTimeout(() => location.href = '/chart?delay=300',"
                        + " 300)</script>")));
    server.createContext(
        "/tall",
        exchange ->
            respond(
                exchange,
                page(
                    "<div style='height:"
                        + (TALL_PAGE_HEIGHT - 100)
                        + "px'>顶部</div><div style='height:100px;background:#0050b3'>底部</div>")));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stopServing() {
    server.stop(0);
  }

  @BeforeEach
  void startChromium(TestInfo test) throws IOException, InterruptedException {
    workDir =
        Path.of("target", "headless-chromium-itcase", test.getTestMethod().orElseThrow().getName());
    // Fresh each run, so what a person finds there is this run's screenshots and Chromium logs.
    if (Files.exists(workDir)) {
      try (Stream<Path> old = Files.walk(workDir)) {
        for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    chromium = HeadlessChromium.start(workDir, WIDTH, HEIGHT);
  }

  @AfterEach
  void closeChromium() {
    chromium.close();
  }

  @Test
  void shouldOpenTheMembersPageOnlyWithTheSessionCookie() {
    chromium.navigate(base + "/members");
    assertThat(chromium.text()).contains("请先登录");

    chromium.setCookie(base, "session", SESSION);
    chromium.navigate(base + "/members");

    assertThat(lastMembersCookie.get()).isEqualTo("session=" + SESSION);
    assertThat(chromium.text()).contains("欢迎回来，八步区").doesNotContain("请先登录");
  }

  @Test
  void shouldWaitUntilTheDelayedChartIsDrawn() {
    chromium.navigate(base + "/chart?delay=1500");

    // The predicate counts its own evaluations, so the test sees that waitFor polled through
    // falsy answers rather than finding the chart already drawn.
    chromium.waitFor(
        "(window.polls = (window.polls || 0) + 1, document.body.dataset.drawn === 'yes')",
        Duration.ofSeconds(20),
        "the 阅读量 chart");

    assertThat(chromium.evaluate("window.polls").asInt()).isGreaterThan(1);
    assertThat(chromium.text()).contains("阅读量：1,234");
  }

  @Test
  void shouldWaitThroughARedirectByScript() {
    // As Superset's pages do after login: the loaded page sends the browser on with JavaScript.
    chromium.navigate(base + "/redirect");

    chromium.waitFor(
        "document.body?.dataset.drawn === 'yes'", Duration.ofSeconds(20), "the redirected chart");

    assertThat(chromium.evaluate("location.pathname").asText()).isEqualTo("/chart");
  }

  @Test
  void shouldNameWhatItWaitedForAndTheLastValueWhenTheTimeoutPasses() {
    chromium.navigate(base + "/chart?delay=600000");
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                chromium.waitFor(
                    "document.body.dataset.drawn === 'yes'",
                    Duration.ofSeconds(1),
                    "the 阅读量 chart"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the 阅读量 chart")
        .hasMessageContaining("1000 ms")
        .hasMessageContaining("was still false");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
  }

  @Test
  void shouldFailAtOnceWhenTheWaitPredicateThrows() {
    chromium.navigate(base + "/chart?delay=600000");
    long started = System.nanoTime();

    assertThatThrownBy(
            () -> chromium.waitFor("missingChart.drawn", Duration.ofSeconds(30), "the 阅读量 chart"))
        .isInstanceOf(JavaScriptException.class)
        .hasMessageContaining("ReferenceError: missingChart is not defined");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldReturnWhatTheExpressionEvaluatesTo() {
    chromium.navigate(base + "/members");

    assertThat(chromium.evaluate("6 * 7").asInt()).isEqualTo(42);
    assertThat(chromium.evaluate("'八步' + '区'").asText()).isEqualTo("八步区");
    assertThat(chromium.evaluate("({offices: ['hz', 'bb'], count: 2})").toString())
        .isEqualTo("{\"offices\":[\"hz\",\"bb\"],\"count\":2}");
    assertThat(chromium.evaluate("new Promise(done => setTimeout(() => done('晚到'), 200))").asText())
        .isEqualTo("晚到");
    assertThat(chromium.evaluate("undefined").isMissingNode()).isTrue();
    assertThat(chromium.evaluate("[window.innerWidth, window.innerHeight]").toString())
        .isEqualTo("[" + WIDTH + "," + HEIGHT + "]");
    assertThatThrownBy(() -> chromium.evaluate("Promise.reject(new TypeError('图表没有数据'))"))
        .isInstanceOf(JavaScriptException.class)
        .hasMessageContaining("TypeError: 图表没有数据");
  }

  @Test
  void shouldFailNavigationWithChromiumsReason() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> chromium.navigate("http://127.0.0.1:" + closedPort + "/"))
        .isInstanceOf(CdpException.class)
        .hasMessageContaining("ERR_CONNECTION_REFUSED");
  }

  @Test
  void shouldScreenshotTheWindowAtTheRequestedSize() throws IOException {
    chromium.navigate(base + "/chart?delay=300");
    chromium.waitFor("document.body.dataset.drawn === 'yes'", Duration.ofSeconds(20), "the chart");
    Path png = workDir.resolve("chart.png");

    chromium.screenshot(png, false);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a PNG ImageIO can read").isNotNull();
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(HEIGHT);
    // The first bar stands on the canvas's baseline at canvas x 40..100, y up to 360.
    JsonNode canvas =
        chromium.evaluate(
            "(r => [r.left, r.top])(document.querySelector('canvas').getBoundingClientRect())");
    int barX = canvas.get(0).asInt() + 70;
    int barY = canvas.get(1).asInt() + 340;
    assertThat(image.getRGB(barX, barY) & 0xFFFFFF).as("the first bar's colour").isEqualTo(BAR_RGB);
    // Text, anti-aliased, and bars: far more colours than a blank or single-colour page.
    assertThat(distinctColours(image)).isGreaterThan(50);
  }

  @Test
  void shouldScreenshotTheWholePageBeyondTheWindow() throws IOException {
    chromium.navigate(base + "/tall");
    Path png = workDir.resolve("tall.png");

    chromium.screenshot(png, true);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(TALL_PAGE_HEIGHT);
    assertThat(image.getRGB(WIDTH / 2, TALL_PAGE_HEIGHT - 50) & 0xFFFFFF).isEqualTo(0x0050B3);
  }

  @Test
  void shouldLeaveNoChromiumProcessAfterClose() {
    chromium.navigate(base + "/chart?delay=300");
    ProcessHandle browser = chromium.process();
    List<ProcessHandle> tree = Stream.concat(Stream.of(browser), browser.descendants()).toList();
    assertThat(tree)
        .as("the browser and its zygote, GPU and renderer processes")
        .hasSizeGreaterThan(2);

    chromium.close();

    assertThat(tree)
        .as("exited (or zombies waiting for init)")
        .allMatch(HeadlessChromium::hasEnded);
    String profileRoot = workDir.toAbsolutePath().toString();
    assertThat(ProcessHandle.allProcesses())
        .as("processes started with a profile under %s", profileRoot)
        .noneMatch(
            process ->
                !HeadlessChromium.hasEnded(process)
                    && process.info().commandLine().orElse("").contains(profileRoot));
    chromium.close(); // a second close does nothing
  }

  @Test
  void shouldSayInOneLineHowToInstallChromiumWhenItIsMissing() {
    assertThatThrownBy(
            () -> HeadlessChromium.start(Path.of("/nonexistent/chromium"), workDir, WIDTH, HEIGHT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apt-get install chromium")
        .hasMessageNotContaining("\n");
  }

  private static String chartPage(long delayMillis) {
    return page(
        "<h1>贺州先锋微信公众号 · 阅读量</h1><p id='total'></p>"
            + "<canvas id='chart' width='400' height='360' style='border:1px solid #999'></canvas>"
            + "<script>window.addEventListener('load', () => setTimeout(() => {"
            + "  const g = document.getElementById('chart').getContext('2d');"
            + "  g.fillStyle = '#c8102e';"
            + "  [300, 180, 240, 120, 60].forEach((h, i) => g.fillRect(40 + i * 70, 360 - h, 60, h));"
            + "  document.getElementById('total').textContent = '阅读量：1,234';"
            + "  document.body.dataset.drawn = 'yes';"
            + "}, "
            + delayMillis
            + "));</script>");
  }

  private static String page(String body) {
    return "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>传播</title></head>"
        + "<body style='margin:0;font-family:sans-serif'>"
        + body
        + "</body></html>";
  }

  private static void respond(HttpExchange exchange, String html) throws IOException {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(bytes);
    }
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
