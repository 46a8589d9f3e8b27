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

  /** Every chart holder shows an error, or a drawn chart (canvas, table or svg) and no spinner. */
  private static final String ALL_DRAWN =
      "(() => { const holders = [...document.querySelectorAll('.dashboard-component-chart-holder')];"
          + " return holders.length === %d && holders.every(h => h.querySelector('.ant-alert-error')"
          + " || (h.querySelector('[data-test=\"chart-container\"] canvas, [data-test=\"chart-container\"] table,"
          + " [data-test=\"chart-container\"] svg') && !h.querySelector('[aria-label=\"Loading\"], .loading'))); })()";

  private SupersetBrowser() {}

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
    } finally {
      Files.createDirectories(shots);
      chromium.screenshot(shots.resolve(dashboard.slug() + ".png"), true);
    }
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
