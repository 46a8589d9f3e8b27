package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.chuanbo.dashboards.console.NamedQueries;
import org.chuanbo.dashboards.console.ShanghaiTime;
import org.junit.jupiter.api.Test;

/**
 * Reach (触达人数) over a period: the rollup chuanbo.reach_daily (filled by its materialized view from
 * the events this test inserts) gives exactly the distinct people that uniqExact over
 * chuanbo.events gives, and that is not the sum of daily or per-channel reaches. The test's events
 * carry an office code of its own: the reach queries filter by office, not by article.
 */
class ReachQueriesITCase {

  private static final LocalDate MARCH = LocalDate.of(2019, 3, 1);
  private static final List<String> CHANNELS = List.of("WECHAT", "APP");

  /** One VIEW (or other event) as the test knows it, to recount independently. */
  private record Event(String type, Instant time, String channel, String reachKey, String user) {}

  @Test
  void shouldCountEachPersonOnceOverAMonthFromTheRollupAsFromTheEvents() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String office = "r" + Long.toHexString(random.nextLong() & 0xffffffffffL);
    String article = ReportTables.uniqueId("reach");

    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
      int user = random.nextInt(60);
      // A third of the people are known across channels (person_id); the rest per channel.
      String reachKey = user % 3 == 0 ? "p:person-" + user : "u:" + channel + ":user-" + user;
      LocalDateTime time =
          MARCH
              .plusDays(random.nextInt(31))
              .atTime(LocalTime.ofSecondOfDay(random.nextInt(86_400)));
      events.add(new Event("VIEW", shanghai(time), channel, reachKey, "user-" + user));
    }
    // One person on two channels the same day, one person on two days.
    events.add(view("2019-03-05T09:00", "WECHAT", "p:two-channels"));
    events.add(view("2019-03-05T21:00", "APP", "p:two-channels"));
    events.add(view("2019-03-10T08:00", "WECHAT", "u:WECHAT:two-days"));
    events.add(view("2019-03-20T08:00", "WECHAT", "u:WECHAT:two-days"));
    // Shanghai month boundaries: the last half second of March counts, April and February do not.
    events.add(view("2019-03-31T23:59:59.500", "APP", "u:APP:last-second"));
    events.add(view("2019-04-01T00:00", "APP", "u:APP:april"));
    events.add(view("2019-02-28T23:59:59.999", "APP", "u:APP:february"));
    // Reach counts viewers only.
    events.add(
        new Event(
            "SHARE", shanghai(LocalDateTime.parse("2019-03-15T10:00")), "APP", "u:APP:s", "s"));
    insert(office, article, events);

    Instant from = shanghai(MARCH.atStartOfDay());
    Instant to = shanghai(MARCH.plusMonths(1).atStartOfDay());
    Set<String> month = viewers(events, from, to, null);
    long sumOfDays = 0;
    for (LocalDate day = MARCH; day.isBefore(MARCH.plusMonths(1)); day = day.plusDays(1)) {
      sumOfDays +=
          viewers(
                  events,
                  shanghai(day.atStartOfDay()),
                  shanghai(day.plusDays(1).atStartOfDay()),
                  null)
              .size();
    }
    String context = "seed " + seed;

    try (Client client = ReportTables.endpoint().newClient()) {
      NamedQueries queries = new NamedQueries(client);
      Map<String, GenericRecord> rollup =
          byLevel(queries.run("reach_by_day_range", days(MARCH, MARCH.plusDays(30), office, "")));
      assertThat(rollup.get("total|").getLong("reach")).as(context).isEqualTo(month.size());
      assertThat(rollup.get("office|" + office).getLong("reach"))
          .as(context)
          .isEqualTo(month.size());
      long sumOfChannels = 0;
      for (String channel : CHANNELS) {
        long expected = viewers(events, from, to, channel).size();
        sumOfChannels += expected;
        assertThat(rollup.get("office_channel|" + office + "|" + channel).getLong("reach"))
            .as(context + " " + channel)
            .isEqualTo(expected);
      }
      assertThat(rollup).as(context).hasSize(2 + CHANNELS.size());

      GenericRecord exact = queries.run("reach_period", period(from, to, office, "")).get(0);
      assertThat(exact.getLong("reach")).as(context).isEqualTo(month.size());
      assertThat(exact.getLong("views"))
          .as(context)
          .isEqualTo(
              events.stream()
                  .filter(e -> e.type().equals("VIEW") && inside(e.time(), from, to))
                  .count());

      long rollupSumOfDays = 0;
      for (LocalDate day = MARCH; day.isBefore(MARCH.plusMonths(1)); day = day.plusDays(1)) {
        Map<String, GenericRecord> daily =
            byLevel(queries.run("reach_by_day_range", days(day, day, office, "")));
        rollupSumOfDays += daily.containsKey("total|") ? daily.get("total|").getLong("reach") : 0;
      }
      assertThat(rollupSumOfDays).as(context).isEqualTo(sumOfDays);
      assertThat(month.size())
          .as("a month's reach is a union of people, not the sum of daily reaches")
          .isLessThan((int) rollupSumOfDays);
      assertThat(month.size())
          .as("nor the sum of channel reaches: a person is one person on two channels")
          .isLessThan((int) sumOfChannels);

      // Filters: one channel; and any sub-period, not only whole days, from the events.
      assertThat(
              byLevel(
                      queries.run(
                          "reach_by_day_range", days(MARCH, MARCH.plusDays(30), office, "APP")))
                  .get("total|")
                  .getLong("reach"))
          .isEqualTo(viewers(events, from, to, "APP").size());
      Instant noon5 = shanghai(LocalDateTime.parse("2019-03-05T12:00"));
      Instant noon10 = shanghai(LocalDateTime.parse("2019-03-10T12:00"));
      assertThat(
              queries
                  .run("reach_period", period(noon5, noon10, office, "WECHAT"))
                  .get(0)
                  .getLong("reach"))
          .as(context)
          .isEqualTo(viewers(events, noon5, noon10, "WECHAT").size());
    }
  }

  private static Event view(String shanghaiTime, String channel, String reachKey) {
    return new Event(
        "VIEW",
        shanghai(LocalDateTime.parse(shanghaiTime)),
        channel,
        reachKey,
        reachKey.substring(reachKey.lastIndexOf(':') + 1));
  }

  private static Instant shanghai(LocalDateTime time) {
    return time.atZone(ShanghaiTime.ZONE).toInstant();
  }

  private static boolean inside(Instant time, Instant from, Instant to) {
    return !time.isBefore(from) && time.isBefore(to);
  }

  /** The recount: distinct reach keys of VIEWs in [from, to), on one channel or all (null). */
  private static Set<String> viewers(List<Event> events, Instant from, Instant to, String channel) {
    Set<String> people = new HashSet<>();
    for (Event e : events) {
      if (e.type().equals("VIEW")
          && inside(e.time(), from, to)
          && (channel == null || e.channel().equals(channel))) {
        people.add(e.reachKey());
      }
    }
    return people;
  }

  private static void insert(String office, String article, List<Event> events) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Event e : events) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("event_id", ReportTables.uniqueId("e"));
      row.put("event_type", e.type());
      row.put("event_time", ShanghaiTime.millis(e.time()));
      row.put("article_id", article);
      row.put("office", office);
      row.put("channel", e.channel());
      row.put("user_id", e.user());
      row.put("person_id", e.reachKey().startsWith("p:") ? e.reachKey().substring(2) : null);
      row.put("reach_key", e.reachKey());
      row.put("terminal", "MOBILE");
      rows.add(row);
    }
    try (Client client = ReportTables.endpoint().newClient()) {
      ReportTables.insert(client, "chuanbo.events", rows);
    }
  }

  private static Map<String, Object> days(
      LocalDate from, LocalDate to, String office, String channel) {
    return Map.of(
        "from_day", from.toString(), "to_day", to.toString(), "office", office, "channel", channel);
  }

  private static Map<String, Object> period(
      Instant from, Instant to, String office, String channel) {
    return Map.of(
        "from",
        ShanghaiTime.millis(from),
        "to",
        ShanghaiTime.millis(to),
        "office",
        office,
        "channel",
        channel);
  }

  /** Rows keyed "level|office[|channel]", e.g. "total|", "office|hz", "office_channel|hz|APP". */
  private static Map<String, GenericRecord> byLevel(List<GenericRecord> rows) {
    Map<String, GenericRecord> keyed = new HashMap<>();
    for (GenericRecord row : rows) {
      String level = row.getString("level");
      String key =
          switch (level) {
            case "total" -> "total|";
            case "office" -> "office|" + row.getString("office");
            default -> "office_channel|" + row.getString("office") + "|" + row.getString("channel");
          };
      assertThat(keyed.put(key, row)).as("one row per " + key).isNull();
    }
    return keyed;
  }
}
