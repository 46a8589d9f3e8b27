package org.chuanbo.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chuanbo.jobs.clickhouse.ClusterMigrations.ClusterMigration;
import org.chuanbo.jobs.clickhouse.ClusterMigrations.Placement;
import org.chuanbo.jobs.clickhouse.Migrations.Migration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cluster form of the migrations is made from the migration files, statement by statement. */
class ClusterMigrationsTest {

  private static final String CLUSTER = "chuanbo";
  private static final Pattern CREATED =
      Pattern.compile(
          "^CREATE\\s+(?:TABLE|VIEW|MATERIALIZED\\s+VIEW)\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+\\.\\w+)");

  private final List<Migration> bundled = Migrations.bundled().all();

  @Test
  void shouldTransformEveryStatementOfEveryMigrationFile() {
    ClusterMigrations clustered = ClusterMigrations.of(CLUSTER, bundled);

    assertThat(clustered.migrations())
        .extracting(ClusterMigration::name)
        .containsExactlyElementsOf(bundled.stream().map(Migration::name).toList());
    for (int i = 0; i < bundled.size(); i++) {
      assertThat(clustered.migrations().get(i).statements())
          .as(bundled.get(i).name())
          .hasSizeGreaterThanOrEqualTo(SqlScript.statements(bundled.get(i).sql()).size());
    }
  }

  @Test
  void shouldCreateEveryTableAndViewTheMigrationsCreate() {
    ClusterMigrations clustered = ClusterMigrations.of(CLUSTER, bundled);
    Set<String> created = createdNames(bundled);
    List<String> statements = allStatements(clustered);

    assertThat(clustered.placements().keySet()).containsExactlyInAnyOrderElementsOf(created);
    for (Map.Entry<String, Placement> table : clustered.placements().entrySet()) {
      String name = table.getKey();
      switch (table.getValue()) {
        case SHARDED -> {
          assertThat(statements)
              .as(name)
              .anySatisfy(
                  s ->
                      assertThat(s)
                          .startsWith(
                              "CREATE TABLE IF NOT EXISTS " + name + "_local ON CLUSTER chuanbo\n")
                          .contains("ENGINE = Replicated"))
              .anySatisfy(
                  s ->
                      assertThat(s)
                          .startsWith(
                              "CREATE TABLE IF NOT EXISTS "
                                  + name
                                  + " ON CLUSTER chuanbo AS "
                                  + name
                                  + "_local\nENGINE = Distributed("));
        }
        case EVERY_NODE ->
            assertThat(statements)
                .as(name)
                .anySatisfy(
                    s ->
                        assertThat(s)
                            .startsWith(
                                "CREATE TABLE IF NOT EXISTS " + name + " ON CLUSTER chuanbo\n")
                            .contains("ENGINE = Replicated")
                            .contains("/clickhouse/tables/all/"));
        case VIEW ->
            assertThat(statements)
                .as(name)
                .anySatisfy(
                    s ->
                        assertThat(s)
                            .matches(
                                "(?s)CREATE (MATERIALIZED )?VIEW IF NOT EXISTS "
                                    + Pattern.quote(name)
                                    + " ON CLUSTER chuanbo .*"));
      }
    }
  }

  @Test
  void shouldShardWhatHasAnArticleIdAndReplicateTheRestToEveryNode() {
    Map<String, Placement> expected = new LinkedHashMap<>();
    expected.put("chuanbo.events", Placement.SHARDED);
    expected.put("chuanbo.article_minute", Placement.SHARDED);
    expected.put("chuanbo.article_versions", Placement.SHARDED);
    expected.put("chuanbo.articles", Placement.VIEW);
    expected.put("chuanbo.offices", Placement.EVERY_NODE);
    expected.put("chuanbo.channels", Placement.EVERY_NODE);
    expected.put("chuanbo.share_cascade", Placement.SHARDED);
    expected.put("chuanbo.platform_count_reports", Placement.SHARDED);
    expected.put("chuanbo.platform_counts", Placement.VIEW);
    expected.put("chuanbo.article_spread_versions", Placement.SHARDED);
    expected.put("chuanbo.article_spread", Placement.VIEW);
    expected.put("chuanbo.di_config", Placement.EVERY_NODE);
    expected.put("chuanbo.reach_daily", Placement.SHARDED);
    expected.put("chuanbo.reach_daily_mv", Placement.VIEW);
    expected.put("chuanbo.ingest_quality_minute", Placement.EVERY_NODE);
    expected.put("chuanbo.reach_viewers", Placement.SHARDED);
    expected.put("chuanbo.reach_viewers_mv", Placement.VIEW);
    expected.put("chuanbo.article_day", Placement.SHARDED);
    expected.put("chuanbo.article_day_mv", Placement.VIEW);
    expected.put("chuanbo.article_hour", Placement.SHARDED);
    expected.put("chuanbo.article_hour_mv", Placement.VIEW);
    expected.put("chuanbo.ingest_minute", Placement.SHARDED);
    expected.put("chuanbo.ingest_minute_mv", Placement.VIEW);
    expected.put("chuanbo.events_by_time", Placement.SHARDED);
    expected.put("chuanbo.events_by_time_mv", Placement.VIEW);

    assertThat(ClusterMigrations.of(CLUSTER, bundled).placements())
        .containsExactlyEntriesOf(expected);
  }

  @Test
  void shouldMakeEventsAReplicatedLocalTableUnderADistributedOne() {
    List<String> events = statementsOf(ClusterMigrations.of(CLUSTER, bundled), "0002_events.sql");
    String original = SqlScript.statements(migration("0002_events.sql").sql()).get(0);

    assertThat(events).hasSize(2);
    assertThat(events.get(0))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS chuanbo.events_local ON CLUSTER chuanbo\n"
                + columnBlock(original)
                + "\nENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}',"
                + " '{replica}')\n"
                + "PARTITION BY toYYYYMM(event_time)\n"
                + "ORDER BY (article_id, event_time, event_id)\n"
                + "SETTINGS replicated_deduplication_window = 10000,"
                + " replicated_deduplication_window_seconds = 604800");
    assertThat(events.get(1))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS chuanbo.events ON CLUSTER chuanbo AS chuanbo.events_local\n"
                + "ENGINE = Distributed('chuanbo', 'chuanbo', 'events_local',"
                + " cityHash64(article_id))");
  }

  @Test
  void shouldKeepEngineArgumentsAfterTheKeeperPath() {
    List<String> articles =
        statementsOf(ClusterMigrations.of(CLUSTER, bundled), "0004_articles.sql");

    assertThat(articles.get(0))
        .startsWith(
            "CREATE TABLE IF NOT EXISTS chuanbo.article_versions_local ON CLUSTER chuanbo\n")
        .contains(
            "\nENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}',"
                + " '{replica}', updated_at)\nORDER BY article_id\n");
    assertThat(articles.get(2))
        .as("the view reads the Distributed table, so every node sees every shard")
        .startsWith("CREATE VIEW IF NOT EXISTS chuanbo.articles ON CLUSTER chuanbo AS\nSELECT")
        .contains("FROM chuanbo.article_versions AS v")
        .doesNotContain("_local");
  }

  @Test
  void shouldReplicateReferenceDataToEveryNodeAndInsertItOnce() {
    List<String> reference =
        statementsOf(ClusterMigrations.of(CLUSTER, bundled), "0005_reference_data.sql");
    List<String> original = SqlScript.statements(migration("0005_reference_data.sql").sql());

    assertThat(reference).hasSize(4);
    assertThat(reference.get(0))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS chuanbo.offices ON CLUSTER chuanbo\n"
                + columnBlock(original.get(0))
                + "\nENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/{database}/{table}',"
                + " '{shard}-{replica}')\n"
                + "ORDER BY code");
    assertThat(reference.get(1)).as("an INSERT takes no ON CLUSTER").isEqualTo(original.get(1));
    assertThat(reference.get(3)).isEqualTo(original.get(3));
  }

  @Test
  void shouldPointTheMaterializedViewAtTheShardsLocalTables() {
    List<String> reach =
        statementsOf(ClusterMigrations.of(CLUSTER, bundled), "0009_reach_daily.sql");

    assertThat(reach.get(2))
        .startsWith(
            "CREATE MATERIALIZED VIEW IF NOT EXISTS chuanbo.reach_daily_mv ON CLUSTER chuanbo"
                + " TO chuanbo.reach_daily_local AS\nSELECT")
        .contains("FROM chuanbo.events_local AS e\n")
        .doesNotContain("chuanbo.events ");
    assertThat(reach.get(3))
        .as("the one-off copy of existing events goes through the Distributed tables")
        .startsWith("INSERT INTO chuanbo.reach_daily\nSELECT")
        .contains("FROM chuanbo.events AS e");
  }

  @Test
  void shouldGiveEveryTableTheJobRecommitsIntoAReplicatedWindowOfSevenDays() {
    List<String> statements = allStatements(ClusterMigrations.of(CLUSTER, bundled));
    long windowed =
        bundled.stream()
            .flatMap(m -> SqlScript.statements(m.sql()).stream())
            .filter(s -> s.contains("non_replicated_deduplication_window = 10000"))
            .count();

    assertThat(statements).noneMatch(s -> s.contains("non_replicated_deduplication_window"));
    assertThat(statements)
        .filteredOn(
            s ->
                s.contains(
                    "replicated_deduplication_window = 10000,"
                        + " replicated_deduplication_window_seconds = 604800"))
        .hasSize((int) windowed);
  }

  @Test
  void shouldPutEveryCreateOnTheCluster() {
    assertThat(allStatements(ClusterMigrations.of(CLUSTER, bundled)))
        .filteredOn(s -> s.startsWith("CREATE"))
        .allSatisfy(
            s -> assertThat(s.lines().findFirst().orElseThrow()).contains(" ON CLUSTER chuanbo"));
  }

  @Test
  void shouldFollowAStatementAddedToAMigrationFile() {
    Migration events = migration("0002_events.sql");
    List<Migration> changed = new ArrayList<>();
    for (Migration m : bundled) {
      changed.add(
          m == events
              ? new Migration(
                  m.version(),
                  m.name(),
                  m.sql() + "\n" + fixture("0011_fixture_every_kind.sql"),
                  "")
              : m);
    }

    List<String> before = statementsOf(ClusterMigrations.of(CLUSTER, bundled), "0002_events.sql");
    List<String> after = statementsOf(ClusterMigrations.of(CLUSTER, changed), "0002_events.sql");

    assertThat(after).startsWith(before.toArray(String[]::new)).hasSizeGreaterThan(before.size());
    assertThat(after)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith(
                        "CREATE TABLE IF NOT EXISTS chuanbo.campaign_daily_local ON CLUSTER chuanbo"));
  }

  @Test
  void shouldTransformEveryKindOfStatementALaterMigrationMightHold() {
    List<Migration> withFixture = new ArrayList<>(bundled);
    withFixture.add(
        new Migration(
            11, "0011_fixture_every_kind.sql", fixture("0011_fixture_every_kind.sql"), ""));

    ClusterMigrations clustered = ClusterMigrations.of(CLUSTER, withFixture);
    List<String> fixture = statementsOf(clustered, "0011_fixture_every_kind.sql");

    assertThat(fixture)
        .containsExactly(
            "ALTER TABLE chuanbo.events_local ON CLUSTER chuanbo ADD COLUMN IF NOT EXISTS campaign"
                + " LowCardinality(String) DEFAULT ''",
            "ALTER TABLE chuanbo.events ON CLUSTER chuanbo ADD COLUMN IF NOT EXISTS campaign"
                + " LowCardinality(String) DEFAULT ''",
            fixture.get(2),
            "CREATE TABLE IF NOT EXISTS chuanbo.campaign_daily ON CLUSTER chuanbo AS"
                + " chuanbo.campaign_daily_local\n"
                + "ENGINE = Distributed('chuanbo', 'chuanbo', 'campaign_daily_local',"
                + " cityHash64(article_id))",
            fixture.get(4),
            fixture.get(5),
            "ALTER TABLE chuanbo.campaigns ADD COLUMN IF NOT EXISTS starts Date",
            fixture.get(7),
            "INSERT INTO chuanbo.campaigns (code, name) VALUES ('party-day', '主题党日')");
    assertThat(fixture.get(2))
        .contains(
            "ENGINE = ReplicatedSummingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', views)")
        .endsWith(
            "SETTINGS replicated_deduplication_window = 500,"
                + " replicated_deduplication_window_seconds = 604800");
    assertThat(fixture.get(4))
        .startsWith(
            "CREATE MATERIALIZED VIEW IF NOT EXISTS chuanbo.campaign_daily_mv ON CLUSTER chuanbo TO"
                + " chuanbo.campaign_daily_local AS\nSELECT")
        .contains("FROM chuanbo.events_local AS e")
        .as("quoted text is not a table name")
        .contains("!= 'chuanbo.events'");
    assertThat(fixture.get(5))
        .startsWith("CREATE TABLE IF NOT EXISTS chuanbo.campaigns ON CLUSTER chuanbo\n")
        .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/");
    assertThat(fixture.get(7))
        .startsWith("CREATE VIEW IF NOT EXISTS chuanbo.campaign_views ON CLUSTER chuanbo AS\n")
        .contains("FROM chuanbo.campaign_daily AS d");
    assertThat(clustered.placements())
        .containsEntry("chuanbo.campaign_daily", Placement.SHARDED)
        .containsEntry("chuanbo.campaign_daily_mv", Placement.VIEW)
        .containsEntry("chuanbo.campaigns", Placement.EVERY_NODE)
        .containsEntry("chuanbo.campaign_views", Placement.VIEW);
  }

  static Stream<Arguments> refusedStatements() {
    List<Arguments> cases = new ArrayList<>();
    String expected = null;
    StringBuilder statement = new StringBuilder();
    for (String line : fixture("refused.sql").split("\n")) {
      if (line.startsWith("-- expect: ")) {
        expected = line.substring("-- expect: ".length());
      } else if (!line.startsWith("--") && !line.isBlank()) {
        statement.append(line).append('\n');
        if (line.endsWith(";")) {
          cases.add(Arguments.of(statement.toString(), expected));
          statement.setLength(0);
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("refusedStatements")
  void shouldRefuseWhatHasNoClusterFormNamingTheFile(String statement, String expected) {
    List<Migration> withRefused = new ArrayList<>(bundled);
    withRefused.add(new Migration(99, "0099_refused.sql", statement, ""));

    assertThatThrownBy(() -> ClusterMigrations.of(CLUSTER, withRefused))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("0099_refused.sql: ")
        .hasMessageContaining(expected)
        .hasMessageContaining(
            "statement: "
                + SqlScript.statements(statement).get(0).lines().findFirst().orElseThrow());
  }

  @Test
  void shouldRefuseAClusterNameThatIsNotAnIdentifier() {
    assertThatThrownBy(() -> ClusterMigrations.of("prod cluster; DROP", bundled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster name must be letters, digits and _");
  }

  @Test
  void shouldReadColumnNamesPastTypesWithCommasAndIndexes() {
    assertThat(
            ClusterMigrations.columnNames(
                "(\n  a Map(String, String),\n  `b c` Decimal(10, 2) DEFAULT 1,\n"
                    + "  INDEX i a TYPE bloom_filter GRANULARITY 1,\n  d String COMMENT 'x, y'\n)"))
        .containsExactly("a", "b c", "d");
  }

  private static List<String> allStatements(ClusterMigrations clustered) {
    return clustered.migrations().stream().flatMap(m -> m.statements().stream()).toList();
  }

  private static List<String> statementsOf(ClusterMigrations clustered, String file) {
    return clustered.migrations().stream()
        .filter(m -> m.name().equals(file))
        .findFirst()
        .orElseThrow()
        .statements();
  }

  private Migration migration(String name) {
    return bundled.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  /** The {@code (…)} column list of a CREATE TABLE statement, as written. */
  private static String columnBlock(String createTable) {
    int open = createTable.indexOf('(');
    return createTable.substring(open, SqlText.closingParenthesis(createTable, open) + 1);
  }

  private static Set<String> createdNames(List<Migration> migrations) {
    Set<String> names = new LinkedHashSet<>();
    for (Migration migration : migrations) {
      for (String statement : SqlScript.statements(migration.sql())) {
        Matcher created = CREATED.matcher(statement);
        if (created.find()) {
          names.add(created.group(1));
        }
      }
    }
    return names;
  }

  static String fixture(String name) {
    try (InputStream in =
        ClusterMigrationsTest.class.getResourceAsStream("/cluster-migrations/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
