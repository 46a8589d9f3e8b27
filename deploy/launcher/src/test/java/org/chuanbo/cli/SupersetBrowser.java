package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chuanbo.cli.browser.HeadlessChromium;
import org.chuanbo.dashboards.superset.SupersetDashboard;

/**
 * The dashboards as a leader sees them: logged in through Superset's own login form, each dashboard
 * opened in headless Chromium, waited on until every chart is drawn, and photographed.
 */
final class SupersetBrowser {

  private static final Pattern CSRF = Pattern.compile("id=\"csrf_token\"\\s+value=\"([^\"]+)\"");

  /**
   * Every chart holder shows an error, or a drawn chart — a canvas (ECharts), a table, or the text
   * of a big number — and no spinner.
   */
  private static final String ALL_DRAWN =
      "(() => { const holders = [...document.querySelectorAll('.dashboard-component-chart-holder')];"
          + " return holders.length === %d && holders.every(h => {"
          + " if (h.querySelector('.ant-alert-error')) return true;"
          + " const chart = h.querySelector('[data-test=\"chart-container\"]');"
          + " return chart && !h.querySelector('[aria-label=\"Loading\"], .loading')"
          + " && (chart.querySelector('canvas, table') || chart.innerText.trim().length > 0); }); })()";

  private SupersetBrowser() {}

  /** What the page holds and which of its requests failed, for a chart that never drew. */
  private static String diagnosis(HeadlessChromium chromium) {
    return chromium
        .evaluate(
            "JSON.stringify({holders: document.querySelectorAll('.dashboard-component-chart-holder').length,"
                + " failed: performance.getEntriesByType('resource').filter(r => r.responseStatus >= 400)"
                + ".map(r => r.responseStatus + ' ' + r.name), text: document.body.innerText.slice(0, 400)})")
        .asText();
  }

  /** Superset's session cookie after logging in through the form at /login/, as a browser does. */
  static String sessionCookie(String url, String user, String password) throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String form =
        http.send(
                HttpRequest.newBuilder(URI.create(url + "/login/")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher csrf = CSRF.matcher(form);
    assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
    String body =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&csrf_token="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/login/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as("login as " + user).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("/login");
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("session"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Opens the dashboard, waits until all its charts are drawn, keeps a screenshot under {@code
   * shots} and checks that no chart shows an error or "no data".
   */
  static void photograph(
      HeadlessChromium chromium, String url, SupersetDashboard dashboard, Path shots)
      throws Exception {
    chromium.navigate(url + "/superset/dashboard/" + dashboard.slug() + "/");
    int charts = dashboard.charts().size();
    try {
      chromium.waitFor(
          String.format(ALL_DRAWN, charts),
          Duration.ofSeconds(90),
          "the " + charts + " charts of " + dashboard.slug());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the page: " + diagnosis(chromium), e);
    } finally {
      Files.createDirectories(shots);
      // The dashboard scrolls inside its own pane, so the shot is of the (tall) viewport.
      chromium.screenshot(shots.resolve(dashboard.slug() + ".png"), false);
    }
    assertThat(
            chromium
                .evaluate("document.querySelectorAll('.ant-select-selection-item').length")
                .asInt())
        .as(dashboard.slug() + ": native filters with their first value chosen")
        .isEqualTo(dashboard.filters().size());
    assertThat(chromium.evaluate("document.querySelectorAll('.ant-alert-error').length").asInt())
        .as(dashboard.slug() + ": charts showing an error (see " + shots + ")")
        .isZero();
    assertThat(chromium.text())
        .as(dashboard.slug() + ": the page")
        .contains(dashboard.title())
        .doesNotContain("没有数据")
        .doesNotContain("No results")
        .doesNotContain("Data error");
  }
}
