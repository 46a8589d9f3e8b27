package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.chuanbo.dashboards.console.NamedQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report queries rewritten for latency (issue 10) answer exactly what they answered before:
 * each runs beside each of its former texts ({@code queries-before-0011/}, as it was before reach
 * moved to chuanbo.reach_viewers; {@code queries-before-0012/}, before counts moved to
 * chuanbo.article_day; {@code queries-before-latency-2/}, before monthly_top_pieces counted from
 * article_day too, reach was counted in four quarters of the buckets, each by one thread, and
 * reach_by_day_range read reach_viewers instead of merging reach_daily's sets, and
 * ingested_in_period compared event_time through toUnixTimestamp()) over the same rows, and every
 * row, column name, type and value is equal, over whole months and over periods that start or end
 * inside a day (counted partly from the rollup, partly from the events). The rows are a month of
 * events of the test's own (a random year, an office code of its own) with what makes reach hard:
 * the same people on several channels, days, pieces and offices, people known by person_id across
 * channels, events on the period's edges, other event types; revised platform reports and a
 * corrected article version; and every row of reach_viewers copied a second time, as a backfill run
 * twice would leave it, which must change no figure.
 */
class RewrittenQueriesITCase {

  private static final List<String> BEFORE =
      List.of("queries-before-0011/", "queries-before-0012/", "queries-before-latency-2/");
  private static final int EVENTS = 30_000;

  private static int year;
  private static String office;

  @BeforeAll
  static void insertAMonth() {
    Random random = new Random();
    year = 1990 + random.nextInt(25);
    office = "w" + Long.toHexString(random.nextLong() & 0xffffffffL);
    String month = String.format("%d-03-01 00:00:00", year);
    String articles = ReportTables.uniqueId("rw");
    try (Client client = ReportTables.endpoint().newClient()) {
      // 40 pieces, 2,000 people (a third known as persons, so one key on several channels),
      // all event types, two offices of the test's own and 'unknown' on whole pieces (a piece's
      // events carry one office, as the job writes them), times over March and a little beyond.
      RewriteChecks.execute(
          client,
          "INSERT INTO chuanbo.events (event_id, event_type, event_time, article_id, office,"
              + " channel, user_id, person_id, reach_key, terminal, duration_ms, outlet)"
              + " SELECT concat('"
              + articles
              + "-e-', toString(number)),"
              + " ['VIEW','VIEW','VIEW','VIEW','VIEW','SHARE','LIKE','COMMENT','REPOST'][1 + number % 9],"
              + " toDateTime64('"
              + month
              + "', 3, 'Asia/Shanghai') - toIntervalHour(6)"
              + " + toIntervalMillisecond(cityHash64(number, 1) % (32 * 86400000)),"
              + " concat('"
              + articles
              + "-a-', toString(cityHash64(number, 2) % 40)),"
              + " ['"
              + office
              + "', '"
              + office
              + "x', 'unknown'][1 + cityHash64(cityHash64(number, 2) % 40) % 3],"
              + " ['WECHAT','APP','WEBSITE','TV'][1 + cityHash64(number, 3) % 4],"
              + " concat('u', toString(cityHash64(number, 4) % 2000)),"
              + " if(cityHash64(number, 4) % 3 = 0,"
              + " concat('p', toString(cityHash64(number, 4) % 2000)), NULL),"
              + " if(cityHash64(number, 4) % 3 = 0,"
              + " concat('p:p', toString(cityHash64(number, 4) % 2000)),"
              + " concat('u:', ['WECHAT','APP','WEBSITE','TV'][1 + cityHash64(number, 3) % 4],"
              + " ':u', toString(cityHash64(number, 4) % 2000))),"
              + " 'MOBILE', if(number % 2 = 0, 1000 + number, NULL),"
              + " if(number % 9 = 8, 'outlet', NULL)"
              + " FROM numbers("
              + EVENTS
              + ")");
      RewriteChecks.execute(
          client,
          "INSERT INTO chuanbo.article_minute SELECT article_id, channel,"
              + " toStartOfMinute(event_time), countIf(event_type = 'VIEW'),"
              + " countIf(event_type = 'SHARE'), countIf(event_type = 'REPOST'),"
              + " countIf(event_type = 'LIKE'), countIf(event_type = 'COMMENT'), 0, 0"
              + " FROM chuanbo.events WHERE article_id LIKE '"
              + articles
              + "-a-%' GROUP BY article_id, channel, toStartOfMinute(event_time)");
      // Two versions of each piece: the later one moves it to another series.
      RewriteChecks.execute(
          client,
          "INSERT INTO chuanbo.article_versions SELECT concat('"
              + articles
              + "-a-', toString(number % 40)), 'title', '"
              + office
              + "', if(number < 40, 'old series', ['s1','s2',''][1 + number % 3]), 'ARTICLE',"
              + " 'editor', toDateTime64('"
              + month
              + "', 3, 'Asia/Shanghai') + toIntervalDay(number % 40),"
              + " toDateTime64('"
              + month
              + "', 3, 'Asia/Shanghai') + toIntervalSecond(number) FROM numbers(80)");
      // Platform reports, each channel-day reported twice: the later report wins.
      RewriteChecks.execute(
          client,
          "INSERT INTO chuanbo.platform_count_reports SELECT concat('"
              + articles
              + "-r-', toString(number)), concat('"
              + articles
              + "-a-', toString(number % 40)), 'WECHAT',"
              + " toDate('"
              + month
              + "') + intDiv(number, 40) % 31,"
              + " toDateTime64('"
              + month
              + "', 3, 'Asia/Shanghai') + toIntervalDay(40) + toIntervalSecond(number),"
              + " number % 97, number % 5, number % 7, number % 3 FROM numbers(2480)");
      // The job's summary of 35 of the 40 pieces (the others are left out of the top pieces), with
      // DI ties so that the period's views decide the order.
      RewriteChecks.execute(
          client,
          "INSERT INTO chuanbo.article_spread_versions (article_id, revision, office, views, di,"
              + " updated_at) SELECT concat('"
              + articles
              + "-a-', toString(number)), 1, '"
              + office
              + "', number, (number % 7) * 100, toDateTime64('"
              + month
              + "', 3, 'Asia/Shanghai') FROM numbers(35)");
      // A backfill run twice: every row of the test's pieces in reach_viewers a second time.
      RewriteChecks.execute(
          client,
          "INSERT INTO chuanbo.reach_viewers SELECT * FROM chuanbo.reach_viewers"
              + " WHERE article_id LIKE '"
              + articles
              + "-a-%'");
    }
  }

  @Test
  void shouldGiveTheSameReachOverAPeriodAsBefore() {
    for (String anOffice : List.of("", office, "unknown")) {
      for (String channel : List.of("", "WECHAT")) {
        assertSameAnswer("reach_period", period(anOffice, "channel", channel));
        assertSameAnswer(
            "reach_period",
            Map.of(
                "from",
                year + "-03-05 12:34:56.789",
                "to",
                year + "-03-07 01:02:03.004",
                "office",
                anOffice,
                "channel",
                channel));
      }
    }
  }

  @Test
  void shouldGiveTheSameReachOverWholeDaysAsBefore() {
    String[][] ranges = {
      {"03-01", "03-31"},
      {"03-05", "03-05"},
      {"03-20", "04-01"},
      {"02-27", "03-02"},
      {"06-01", "06-30"}
    };
    for (String[] range : ranges) {
      for (String anOffice : List.of("", office, "unknown", "nobody")) {
        for (String channel : List.of("", "WECHAT")) {
          Map<String, Object> parameters = new LinkedHashMap<>();
          parameters.put("from_day", year + "-" + range[0]);
          parameters.put("to_day", year + "-" + range[1]);
          parameters.put("office", anOffice);
          parameters.put("channel", channel);
          assertSameAnswer("reach_by_day_range", parameters);
        }
      }
    }
  }

  @Test
  void shouldGiveTheSameIngestedCountsAsBefore() {
    String[][] spans = {
      {"03-01T00:00:00", "04-01T00:00:00"},
      {"03-05T12:34:56", "03-07T01:02:03"},
      {"03-05T08:00:00", "03-05T08:00:01"},
      {"02-20T00:00:00", "03-01T00:00:00"}
    };
    for (String[] span : spans) {
      assertSameAnswer(
          "ingested_in_period", Map.of("from", epochSecond(span[0]), "to", epochSecond(span[1])));
    }
  }

  private static long epochSecond(String monthDayTime) {
    return LocalDateTime.parse(year + "-" + monthDayTime)
        .atZone(ZoneId.of("Asia/Shanghai"))
        .toEpochSecond();
  }

  @Test
  void shouldGiveTheSameTopArticlesAsBefore() {
    for (int limit : List.of(1, 10, 1000)) {
      assertSameAnswer("top_articles", Map.of("limit", limit));
    }
  }

  @Test
  void shouldGiveTheSameMonthlyFiguresAsBefore() {
    for (String anOffice : List.of("", office, "unknown")) {
      for (String by : List.of("total", "office", "channel", "series", "day")) {
        assertSameAnswer("monthly_figures", period(anOffice, "by", by));
      }
    }
  }

  @Test
  void shouldGiveTheSameMonthlyFiguresOverPartialDaysAsBefore() {
    for (Map<String, Object> period : partialPeriods()) {
      for (String anOffice : List.of("", office)) {
        for (String by : List.of("total", "channel", "day")) {
          Map<String, Object> parameters = new LinkedHashMap<>(period);
          parameters.put("office", anOffice);
          parameters.put("by", by);
          assertSameAnswer("monthly_figures", parameters);
        }
      }
    }
  }

  @Test
  void shouldGiveTheSameDataQualityOverPartialDaysAsBefore() {
    for (Map<String, Object> period : partialPeriods()) {
      for (String anOffice : List.of("", office, "unknown")) {
        Map<String, Object> parameters = new LinkedHashMap<>(period);
        parameters.put("office", anOffice);
        assertSameAnswer("monthly_quality", parameters);
      }
    }
  }

  @Test
  void shouldGiveTheSameTopPiecesAsBefore() {
    List<Map<String, Object>> periods = new ArrayList<>(partialPeriods());
    periods.add(period("", "limit", 1));
    for (Map<String, Object> period : periods) {
      for (String anOffice : List.of("", office, "unknown")) {
        for (int limit : List.of(3, 1000)) {
          Map<String, Object> parameters = new LinkedHashMap<>(period);
          parameters.put("office", anOffice);
          parameters.put("limit", limit);
          assertSameAnswer("monthly_top_pieces", parameters);
        }
      }
    }
  }

  @Test
  void shouldGiveTheSameViewsOverWholeDaysAsBefore() {
    for (String anOffice : List.of("", office)) {
      assertSameAnswer(
          "reach_period",
          Map.of(
              "from",
              year + "-03-03 00:00:00",
              "to",
              year + "-03-09 00:00:00",
              "office",
              anOffice,
              "channel",
              "APP"));
    }
  }

  @Test
  void shouldGiveTheSameDataQualityAsBefore() {
    for (String anOffice : List.of("", office, office + "x", "unknown", "nobody")) {
      Map<String, Object> parameters = new LinkedHashMap<>(period(anOffice, "channel", ""));
      parameters.remove("channel");
      assertSameAnswer("monthly_quality", parameters);
    }
  }

  /**
   * Periods that start or end inside a Shanghai day: across days, within one day, from midnight to
   * an afternoon, and across the month's end (each with its days, as the report would give them).
   */
  private static List<Map<String, Object>> partialPeriods() {
    List<Map<String, Object>> periods = new ArrayList<>();
    String[][] spans = {
      {"03-05 12:34:56.789", "03-07 01:02:03.004"},
      {"03-05 08:00:00", "03-05 09:30:00"},
      {"03-01 00:00:00", "03-10 18:00:00"},
      {"03-20 06:00:00", "04-01 00:00:00"},
      {"03-31 23:00:00", "04-01 05:00:00"}
    };
    for (String[] span : spans) {
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("from", year + "-" + span[0]);
      parameters.put("to", year + "-" + span[1]);
      parameters.put("from_day", year + "-" + span[0].substring(0, 5));
      parameters.put("to_day", year + "-" + span[1].substring(0, 5));
      periods.add(parameters);
    }
    return periods;
  }

  /** The test's March, as the monthly report asks for it, with one more parameter. */
  private static Map<String, Object> period(String anOffice, String name, Object value) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("from", year + "-03-01 00:00:00");
    parameters.put("to", year + "-04-01 00:00:00");
    parameters.put("from_day", year + "-03-01");
    parameters.put("to_day", year + "-03-31");
    parameters.put("office", anOffice);
    parameters.put(name, value);
    return parameters;
  }

  private static void assertSameAnswer(String query, Map<String, Object> parameters) {
    try (Client client = ReportTables.endpoint().newClient()) {
      List<GenericRecord> now = new NamedQueries(client).run(query, parameters);
      int references = 0;
      for (String folder : BEFORE) {
        String text = before(folder, query);
        if (text == null) {
          continue;
        }
        references++;
        List<GenericRecord> before = client.queryAll(text, parameters);
        String context = query + " against " + folder + " " + parameters;
        assertThat(RewriteChecks.rows(now)).as(context).isEqualTo(RewriteChecks.rows(before));
        if (!now.isEmpty()) {
          assertThat(RewriteChecks.columns(now.get(0).getSchema()))
              .as(context)
              .isEqualTo(RewriteChecks.columns(before.get(0).getSchema()));
        }
      }
      assertThat(references).as("a former text of " + query).isPositive();
    }
  }

  /** The query's text as it was in {@code folder}, or null when it did not change then. */
  private static String before(String folder, String query) {
    try (InputStream in =
        RewrittenQueriesITCase.class
            .getClassLoader()
            .getResourceAsStream(folder + query + ".sql")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
