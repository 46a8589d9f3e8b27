package org.chuanbo.cli;

import com.clickhouse.client.api.Client;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.chuanbo.dashboards.console.ShanghaiTime;
import org.chuanbo.schemas.records.Office;

/**
 * A few minutes of spread in every office, written the way the job writes it: pieces published an
 * hour ago, their events of the last ten minutes (views by person and by channel user, shares,
 * reposts by outlet, likes, comments), the per-minute counts of those events, each piece's latest
 * spread with a two-generation cascade, and a minute of rejected and duplicate records. Every
 * dashboard chart then has rows, whatever the time of day.
 */
final class DashboardRows {

  private static final List<String> CHANNELS = List.of("WECHAT", "APP", "WEBSITE", "TV");

  private DashboardRows() {}

  static void insert(Client client, long seed) {
    Random random = new Random(seed);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Map<String, Object>> articles = new ArrayList<>();
    List<Map<String, Object>> events = new ArrayList<>();
    Map<String, Map<String, Object>> minutes = new LinkedHashMap<>();
    List<Map<String, Object>> spreads = new ArrayList<>();
    for (Office office : Office.values()) {
      for (int piece = 0; piece < 2; piece++) {
        String article = ReportTables.uniqueId(office.code());
        Instant published = now.minus(1, ChronoUnit.HOURS);
        articles.add(
            ReportTables.row(
                "article_id",
                article,
                "title",
                office.chineseName() + "：看板测试稿件 " + (piece + 1),
                "office",
                office.code(),
                "series",
                "看板测试",
                "content_type",
                "ARTICLE",
                "editor",
                "编辑",
                "published_at",
                ShanghaiTime.millis(published),
                "updated_at",
                ShanghaiTime.millis(published)));
        int views = 20 + random.nextInt(30);
        for (int i = 0; i < views; i++) {
          event(events, minutes, article, office, "VIEW", now, random, null);
        }
        for (int i = 0; i < 3 + random.nextInt(4); i++) {
          event(events, minutes, article, office, "SHARE", now, random, null);
        }
        event(events, minutes, article, office, "REPOST", now, random, "人民网");
        event(events, minutes, article, office, "LIKE", now, random, null);
        event(events, minutes, article, office, "COMMENT", now, random, null);
        spreads.add(
            ReportTables.row(
                "article_id",
                article,
                "revision",
                1,
                "office",
                office.code(),
                "views",
                views,
                "counted_views",
                views,
                "direct_views",
                views - 5,
                "via_share_views",
                5,
                "reach",
                views,
                "reach_exact",
                1,
                "shares",
                4,
                "reposts",
                1,
                "engagements",
                7,
                "max_depth",
                2,
                "shares_per_generation",
                List.of(3, 1),
                "channels",
                4,
                "di",
                100.0 + random.nextInt(500),
                "di_reach",
                50.0,
                "di_views",
                50.0,
                "di_config_version",
                1,
                "updated_at",
                ShanghaiTime.millis(now)));
      }
    }
    ReportTables.insert(client, "chuanbo.article_versions", articles);
    ReportTables.insert(client, "chuanbo.events", events);
    ReportTables.insert(client, "chuanbo.article_minute", new ArrayList<>(minutes.values()));
    ReportTables.insert(client, "chuanbo.article_spread_versions", spreads);
    String minute = ShanghaiTime.millis(now.truncatedTo(ChronoUnit.MINUTES)).substring(0, 19);
    ReportTables.insert(
        client,
        "chuanbo.ingest_quality_minute",
        List.of(
            ReportTables.row(
                "minute",
                minute,
                "topic",
                "chuanbo.events",
                "outcome",
                "rejected",
                "reason",
                "MALFORMED_BODY",
                "records",
                2),
            ReportTables.row(
                "minute",
                minute,
                "topic",
                "chuanbo.events",
                "outcome",
                "duplicate",
                "reason",
                "duplicate_event_id",
                "records",
                5)));
  }

  private static void event(
      List<Map<String, Object>> events,
      Map<String, Map<String, Object>> minutes,
      String article,
      Office office,
      String type,
      Instant now,
      Random random,
      String outlet) {
    Instant time = now.minusSeconds(60 + random.nextInt(540));
    String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
    boolean person = random.nextBoolean();
    String user = "u" + random.nextInt(40);
    String reachKey = person ? "p:" + user : channel + ":" + user;
    events.add(
        ReportTables.row(
            "event_id",
            ReportTables.uniqueId("e"),
            "event_type",
            type,
            "event_time",
            ShanghaiTime.millis(time),
            "article_id",
            article,
            "office",
            office.code(),
            "channel",
            channel,
            "user_id",
            user,
            "person_id",
            person ? user : null,
            "reach_key",
            reachKey,
            "terminal",
            "MOBILE",
            "outlet",
            outlet,
            "duration_ms",
            type.equals("VIEW") ? 1000L + random.nextInt(60_000) : null,
            "ingested_at",
            ShanghaiTime.millis(time.plusSeconds(2))));
    String minute = ShanghaiTime.millis(time.truncatedTo(ChronoUnit.MINUTES)).substring(0, 19);
    Map<String, Object> counts =
        minutes.computeIfAbsent(
            article + channel + minute,
            key ->
                ReportTables.row(
                    "article_id",
                    article,
                    "channel",
                    channel,
                    "minute",
                    minute,
                    "views",
                    0L,
                    "shares",
                    0L,
                    "reposts",
                    0L,
                    "likes",
                    0L,
                    "comments",
                    0L,
                    "engaged_ms_sum",
                    0L,
                    "engaged_count",
                    0L));
    String column =
        switch (type) {
          case "VIEW" -> "views";
          case "SHARE" -> "shares";
          case "REPOST" -> "reposts";
          case "LIKE" -> "likes";
          default -> "comments";
        };
    counts.merge(column, 1L, (a, b) -> (Long) a + (Long) b);
  }
}
