package org.chuanbo.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.jobs.DisseminationIndexSql;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.clickhouse.InsertBatch;
import org.chuanbo.jobs.clickhouse.Migrations;
import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.clickhouse.TestCommits;
import org.chuanbo.jobs.records.ArticleSpread;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.spread.DisseminationIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spread tables as the dashboards read them: DI recomputed in SQL, reach rolled up by day. */
class SpreadTablesITCase {

  private static final ClickHouseEndpoint ENDPOINT =
      ClickHouseEndpoint.local(LocalClickHouse.server().port());

  @BeforeAll
  static void migrate() {
    Migrations.bundled().apply(ENDPOINT);
  }

  @Test
  void shouldHoldEveryReleasedIndexVersionOnceEvenWhenMigratedAgain() throws Exception {
    Migrations.bundled().apply(ENDPOINT);
    try (Client client = ENDPOINT.newClient()) {
      for (DisseminationIndex index : DisseminationIndex.released()) {
        List<GenericRecord> rows =
            client.queryAll(
                "SELECT component, weight, cap FROM chuanbo.di_config WHERE version = {v:UInt16}"
                    + " ORDER BY position",
                Map.of("v", index.version()));
        assertThat(rows).hasSize(DisseminationIndex.Component.values().length);
        for (GenericRecord row : rows) {
          var component =
              DisseminationIndex.Component.valueOf(
                  row.getString(1).toUpperCase(java.util.Locale.ROOT));
          assertThat(row.getDouble(2)).isEqualTo(index.weight(component));
          assertThat(row.getDouble(3)).isEqualTo(index.cap(component));
        }
      }
    }
  }

  @Test
  void shouldRecomputeTheStoredIndexInSqlToTheLastDigit() throws Exception {
    DisseminationIndex index = DisseminationIndex.current();
    SplittableRandom random = new SplittableRandom(42);
    String prefix = "di-" + UUID.randomUUID() + "-";
    List<ArticleSpread> rows = new ArrayList<>();
    Map<String, Double> stored = new TreeMap<>();
    for (int i = 0; i < 2_000; i++) {
      long reach = random.nextLong(200_000);
      long views = reach + random.nextLong(200_000);
      long shares = random.nextLong(3_000);
      long reposts = random.nextLong(30);
      long engagements = shares + reposts + random.nextLong(5_000);
      int depth = random.nextInt(9);
      int channels = random.nextInt(7);
      ArticleSpread row =
          spread(
              prefix + i,
              reach,
              views,
              engagements,
              shares,
              reposts,
              depth,
              channels,
              index.score(reach, views, engagements, shares, reposts, depth, channels));
      rows.add(row);
      stored.put(row.articleId(), row.score().di());
    }
    insert(ArticleSpreadTable.MAPPING, rows);
    Map<String, Double> recomputed = new TreeMap<>();
    try (Client client = ENDPOINT.newClient()) {
      for (GenericRecord row : client.queryAll(DisseminationIndexSql.RECOMPUTE)) {
        if (row.getString("article_id").startsWith(prefix)) {
          recomputed.put(row.getString("article_id"), row.getDouble("di"));
        }
      }
    }
    assertThat(recomputed).hasSize(rows.size()).isEqualTo(stored);
  }

  @Test
  void shouldNotCountAViewTwiceInTheDailyReachWhenAnInsertIsRetried() throws Exception {
    String article = "reach-" + UUID.randomUUID();
    List<EnrichedEvent> events = new ArrayList<>();
    long day = 1_764_000_000_000L;
    for (int i = 0; i < 50; i++) {
      events.add(view(article, "e" + i, day + i * 60_000L, "u:APP:" + (i % 20)));
    }
    InsertBatch batch = TestCommits.batch(EventsTable.MAPPING, "retry-" + article, events);
    TestCommits.commit(ENDPOINT, batch);
    TestCommits.commit(ENDPOINT, batch); // the same batch again, as after a failed acknowledgement
    try (Client client = ENDPOINT.newClient()) {
      Map<String, Object> id = Map.of("a", article);
      assertThat(
              client
                  .queryAll("SELECT count() FROM chuanbo.events WHERE article_id = {a:String}", id)
                  .get(0)
                  .getLong(1))
          .isEqualTo(50);
      assertThat(
              client
                  .queryAll(
                      "SELECT uniqExactMerge(viewers), count() FROM chuanbo.reach_daily"
                          + " WHERE article_id = {a:String}",
                      id)
                  .get(0)
                  .getLong(1))
          .isEqualTo(20);
    }
  }

  private static EnrichedEvent view(String article, String id, long time, String reachKey) {
    return new EnrichedEvent(
        id,
        "VIEW",
        time,
        article,
        "zp",
        "APP",
        "u",
        null,
        reachKey,
        "MOBILE",
        null,
        null,
        null,
        null,
        null,
        new HashMap<>(),
        time);
  }

  private static ArticleSpread spread(
      String id,
      long reach,
      long views,
      long engagements,
      long shares,
      long reposts,
      int depth,
      int channels,
      org.chuanbo.jobs.records.DisseminationScore score) {
    return new ArticleSpread(
        id,
        1,
        "hz",
        views,
        views,
        views,
        0,
        reach,
        true,
        shares,
        shares,
        reposts,
        0,
        engagements - shares - reposts,
        engagements,
        0,
        null,
        0,
        0,
        0,
        depth,
        depth,
        new long[0],
        null,
        0.0,
        false,
        channels,
        score,
        0);
  }

  private static <T> void insert(RowMapping<T> mapping, List<T> rows) throws Exception {
    TestCommits.commit(ENDPOINT, TestCommits.batch(mapping, "rows-" + UUID.randomUUID(), rows));
  }
}
