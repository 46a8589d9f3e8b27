package org.chuanbo.jobs.clickhouse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chuanbo.jobs.JobSettings;
import org.chuanbo.jobs.clickhouse.Migrations.Migration;

/**
 * The migrations of {@code schemas/clickhouse/} in the form a ClickHouse cluster needs, made from
 * the very same files ({@code ./chuanbo migrate --cluster NAME --print}), statement by statement:
 *
 * <ul>
 *   <li>{@code CREATE DATABASE}, plain views and dictionaries: the same, {@code ON CLUSTER}.
 *   <li>A {@code *MergeTree} table with an {@code article_id} column is <b>sharded</b>: a local
 *       {@code Replicated*MergeTree} table {@code <name>_local} on every shard (its replicas share
 *       one ClickHouse Keeper path per shard), and under the original name a {@code Distributed}
 *       table over them, sharded by {@code cityHash64(article_id)}. Why {@code article_id}: every
 *       table the job writes per article carries it and sorts by it, so an article's events,
 *       minutes, versions, shares and spread revisions live on one shard — a Replacing, Summing or
 *       Aggregating merge sees all rows of a key (they are never split across shards), the editor's
 *       per-article queries read one shard, and the materialized view over {@code events} finds the
 *       rows it aggregates on the shard where its output belongs. It has many values, so shards
 *       fill evenly; one very popular article is still a small share of a day.
 *   <li>A {@code *MergeTree} table without {@code article_id} (reference data, the DI config, the
 *       per-minute quality counts) is small and read beside everything: it is <b>replicated to
 *       every node</b> under its own name (one Keeper path for the whole cluster, no {@code
 *       Distributed}), so every shard joins it locally. A large table without {@code article_id}
 *       would need its own sharding key here.
 *   <li>A materialized view runs on the node that received the insert, so it reads and writes that
 *       shard's local tables: its {@code TO} target and its sources are pointed at {@code _local}.
 *   <li>{@code INSERT} takes no {@code ON CLUSTER}: run once, through the {@code Distributed} table
 *       it reaches every shard, into a table replicated to every node it reaches every node.
 *   <li>{@code ALTER TABLE} of a sharded table, column changes only: the local tables, then the
 *       {@code Distributed} one, {@code ON CLUSTER}; of a table replicated to every node: as it is
 *       (replication carries it).
 * </ul>
 *
 * <p><b>Exactly once across replicas.</b> The job inserts each checkpoint's rows once with an
 * {@code insert_deduplication_token} and re-inserts the same rows with the same token after a
 * failure. It keeps inserting into the tables' original names — on the cluster the {@code
 * Distributed} tables — and the writer's profile makes those inserts synchronous ({@code
 * distributed_foreground_insert = 1}, {@code deploy/k8s/clickhouse-users.xml}): the insert is split
 * by the sharding key, the same way every time, and each shard's part goes, with the query's
 * settings and so with the token, straight into a replica of that shard's local table before the
 * insert answers. Block ids live in the shard's Keeper path, shared by all its replicas, so a
 * re-commit — to any node, reaching any replica — is dropped on every replica of every shard that
 * already has its part, and written where it is missing. The asynchronous default would queue the
 * parts on the receiving node and send them later, batched with other inserts (the token lost in
 * the batch), and answer before any shard had them. Inserting into the local tables directly would
 * hold as well, but the job would have to know the shards and the sharding function. {@code
 * non_replicated_deduplication_window} becomes {@code replicated_deduplication_window} with the
 * same count, and its time limit ({@code replicated_deduplication_window_seconds}, an hour by
 * default) is raised to the job's 7-day deduplication horizon: a batch is re-committed when the job
 * comes back, which can be long after the first attempt, and while the job is away nothing else is
 * inserted to push its block ids out of the count.
 *
 * <p>The statements are our own, written to the conventions of {@code schemas/clickhouse/README.md}
 * (names qualified with the database, one statement per {@code ;}); a statement this class does not
 * recognise fails with the migration file's name rather than being guessed at.
 */
public final class ClusterMigrations {

  /** Where a table's rows live on the cluster. */
  public enum Placement {
    /** {@code <name>_local} on every shard, a {@code Distributed} table under the name. */
    SHARDED,
    /** One replicated table under the name, with a replica on every node. */
    EVERY_NODE,
    /** A plain view or a dictionary: its definition on every node, over the names above. */
    VIEW
  }

  /** One migration file in cluster form. */
  public record ClusterMigration(String name, List<String> statements) {}

  /** The column by which sharded tables are sharded. */
  public static final String SHARDING_COLUMN = "article_id";

  static final String SHARDING_KEY = "cityHash64(" + SHARDING_COLUMN + ")";

  /** Suffix of the local tables under a {@code Distributed} table. */
  public static final String LOCAL_SUFFIX = "_local";

  /**
   * The Keeper path of a sharded table: one per shard, shared by the shard's replicas ({@code
   * {shard}} and {@code {replica}} are each node's macros).
   */
  static final String SHARD_PATH = "'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'";

  /**
   * The Keeper path of a table replicated to every node: one for the cluster. The replica name
   * carries the shard too, since {@code {replica}} need only be unique within a shard.
   */
  static final String CLUSTER_PATH =
      "'/clickhouse/tables/all/{database}/{table}', '{shard}-{replica}'";

  /** How long replicated block ids are kept: as long as the job remembers event ids (7 days). */
  static final long DEDUPLICATION_WINDOW_SECONDS =
      JobSettings.defaults().deduplicationHorizon().toSeconds();

  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String NAME = "([A-Za-z_][A-Za-z0-9_]*)";
  private static final String IF_NOT_EXISTS = "(IF\\s+NOT\\s+EXISTS\\s+)?";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

  private static final Pattern CREATE_DATABASE =
      Pattern.compile("CREATE\\s+DATABASE\\s+" + IF_NOT_EXISTS + NAME + "(.*)", FLAGS);
  private static final Pattern CREATE_TABLE =
      Pattern.compile("CREATE\\s+TABLE\\s+" + IF_NOT_EXISTS + NAME + "\\." + NAME + "\\s*", FLAGS);
  private static final Pattern ENGINE =
      Pattern.compile("\\s*ENGINE\\s*=\\s*([A-Za-z][A-Za-z0-9_]*)", FLAGS);
  private static final Pattern CREATE_VIEW_OR_DICTIONARY =
      Pattern.compile(
          "CREATE\\s+(OR\\s+REPLACE\\s+)?(VIEW|DICTIONARY)\\s+"
              + IF_NOT_EXISTS
              + NAME
              + "\\."
              + NAME
              + "(\\s.*)",
          FLAGS);
  private static final Pattern CREATE_MATERIALIZED_VIEW =
      Pattern.compile(
          "CREATE\\s+MATERIALIZED\\s+VIEW\\s+"
              + IF_NOT_EXISTS
              + NAME
              + "\\."
              + NAME
              + "\\s+TO\\s+"
              + NAME
              + "\\."
              + NAME
              + "\\s+(AS\\s.*)",
          FLAGS);
  private static final Pattern MATERIALIZED_VIEW =
      Pattern.compile("CREATE\\s+MATERIALIZED\\s+VIEW\\b", FLAGS);
  private static final Pattern INSERT =
      Pattern.compile("INSERT\\s+INTO\\s+" + NAME + "\\." + NAME + "\\b.*", FLAGS);
  private static final Pattern ALTER_TABLE =
      Pattern.compile("ALTER\\s+TABLE\\s+" + NAME + "\\." + NAME + "\\s+(.*)", FLAGS);
  private static final Pattern COLUMN_CHANGE =
      Pattern.compile("(ADD|DROP|MODIFY|RENAME|COMMENT)\\s+COLUMN\\s.*", FLAGS);
  private static final Pattern ORDER_BY =
      Pattern.compile(
          "\\bORDER\\s+BY\\s+(.*?)(?=\\bPARTITION\\s+BY\\b|\\bPRIMARY\\s+KEY\\b|\\bSAMPLE\\s+BY\\b"
              + "|\\bTTL\\b|\\bSETTINGS\\b|\\bCOMMENT\\b|$)",
          FLAGS);
  private static final Pattern NON_REPLICATED_WINDOW =
      Pattern.compile("\\bnon_replicated_deduplication_window\\s*=\\s*(\\d+)", FLAGS);
  private static final Pattern COLUMN_NAME = Pattern.compile("`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*)");
  private static final Set<String> NOT_COLUMNS = Set.of("INDEX", "PROJECTION", "CONSTRAINT");

  private final String cluster;
  private final Set<String> databases = new LinkedHashSet<>();
  private final Map<String, Placement> placements = new LinkedHashMap<>();
  private final List<ClusterMigration> migrations = new ArrayList<>();

  private ClusterMigrations(String cluster) {
    this.cluster = cluster;
  }

  /**
   * The cluster form of {@code migrations}, in order (later ones may use tables of earlier ones).
   *
   * @throws IllegalArgumentException for a cluster name that is not an identifier, or a statement
   *     that has no cluster form here (the message names the migration file)
   */
  public static ClusterMigrations of(String cluster, List<Migration> migrations) {
    checkClusterName(cluster);
    ClusterMigrations result = new ClusterMigrations(cluster);
    for (Migration migration : migrations) {
      List<String> statements = new ArrayList<>();
      for (String statement : SqlScript.statements(migration.sql())) {
        try {
          statements.addAll(result.transform(statement));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              migration.name()
                  + ": "
                  + e.getMessage()
                  + " — statement: "
                  + statement.lines().findFirst().orElse(statement),
              e);
        }
      }
      result.migrations.add(new ClusterMigration(migration.name(), List.copyOf(statements)));
    }
    return result;
  }

  /**
   * Refuses a cluster name that is not a plain identifier: it is written into the DDL unquoted.
   *
   * @throws IllegalArgumentException saying what a name may hold
   */
  public static void checkClusterName(String cluster) {
    if (cluster == null || !CLUSTER_NAME.matcher(cluster).matches()) {
      throw new IllegalArgumentException(
          "cluster name must be letters, digits and _ (as in remote_servers), got '"
              + cluster
              + "'");
    }
  }

  public String cluster() {
    return cluster;
  }

  public List<ClusterMigration> migrations() {
    return Collections.unmodifiableList(migrations);
  }

  /** Every table and view the migrations create ({@code db.name}), with where its rows live. */
  public Map<String, Placement> placements() {
    return Collections.unmodifiableMap(placements);
  }

  private List<String> transform(String statement) {
    Matcher m;
    if ((m = CREATE_DATABASE.matcher(statement)).matches()) {
      databases.add(m.group(2));
      return List.of(
          "CREATE DATABASE " + ifNotExists(m.group(1)) + m.group(2) + onCluster() + m.group(3));
    }
    if ((m = CREATE_TABLE.matcher(statement)).lookingAt()) {
      return createTable(statement, m);
    }
    if ((m = CREATE_MATERIALIZED_VIEW.matcher(statement)).matches()) {
      return createMaterializedView(m);
    }
    if ((m = CREATE_VIEW_OR_DICTIONARY.matcher(statement)).matches()) {
      String name = known(m.group(4)) + "." + m.group(5);
      placements.put(name, Placement.VIEW);
      return List.of(
          "CREATE "
              + (m.group(1) == null ? "" : "OR REPLACE ")
              + m.group(2).toUpperCase(Locale.ROOT)
              + " "
              + ifNotExists(m.group(3))
              + name
              + onCluster()
              + m.group(6));
    }
    if ((m = INSERT.matcher(statement)).matches()) {
      placementOf(m.group(1) + "." + m.group(2));
      return List.of(statement);
    }
    if ((m = ALTER_TABLE.matcher(statement)).matches()) {
      return alterTable(m);
    }
    if (MATERIALIZED_VIEW.matcher(statement).lookingAt()) {
      throw new IllegalArgumentException(
          "a materialized view needs TO <table>: its own inner table has no cluster form here");
    }
    throw new IllegalArgumentException(
        "no cluster form for this kind of statement; teach ClusterMigrations what it becomes on a"
            + " cluster");
  }

  private List<String> createTable(String statement, Matcher header) {
    String database = known(header.group(2));
    String table = header.group(3);
    String name = database + "." + table;
    int open = header.end();
    if (open >= statement.length() || statement.charAt(open) != '(') {
      throw new IllegalArgumentException(
          name
              + ": expected the column list after the name (CREATE TABLE … AS, or ON CLUSTER in"
              + " the file itself, have no cluster form here)");
    }
    int close = SqlText.closingParenthesis(statement, open);
    String columns = statement.substring(open, close + 1);
    Matcher engine = ENGINE.matcher(statement).region(close + 1, statement.length());
    if (!engine.lookingAt()) {
      throw new IllegalArgumentException(name + ": expected ENGINE = … after the columns");
    }
    String engineName = engine.group(1);
    if (!engineName.endsWith("MergeTree") || engineName.startsWith("Replicated")) {
      throw new IllegalArgumentException(
          name + ": only non-replicated *MergeTree engines have a cluster form, not " + engineName);
    }
    int afterEngine = engine.end();
    String engineArguments = "";
    if (afterEngine < statement.length() && statement.charAt(afterEngine) == '(') {
      int argumentsEnd = SqlText.closingParenthesis(statement, afterEngine);
      engineArguments = statement.substring(afterEngine + 1, argumentsEnd).strip();
      afterEngine = argumentsEnd + 1;
    }
    String rest = statement.substring(afterEngine);
    if (Pattern.compile("\\bAS\\s+SELECT\\b", FLAGS).matcher(rest).find()) {
      throw new IllegalArgumentException(name + ": CREATE TABLE … AS SELECT has no cluster form");
    }
    rest = replicatedWindow(rest);
    String ifNotExists = ifNotExists(header.group(1));

    if (!columnNames(columns).contains(SHARDING_COLUMN)) {
      placements.put(name, Placement.EVERY_NODE);
      return List.of(
          "CREATE TABLE "
              + ifNotExists
              + name
              + onCluster()
              + "\n"
              + columns
              + "\nENGINE = "
              + replicated(engineName, CLUSTER_PATH, engineArguments)
              + rest);
    }
    if (!engineName.equals("MergeTree") && !sortsBy(rest, SHARDING_COLUMN)) {
      throw new IllegalArgumentException(
          name
              + ": a "
              + engineName
              + " folds rows of equal sorting key, so sharded by "
              + SHARDING_COLUMN
              + " it must sort by "
              + SHARDING_COLUMN
              + " too");
    }
    placements.put(name, Placement.SHARDED);
    String local = table + LOCAL_SUFFIX;
    return List.of(
        "CREATE TABLE "
            + ifNotExists
            + database
            + "."
            + local
            + onCluster()
            + "\n"
            + columns
            + "\nENGINE = "
            + replicated(engineName, SHARD_PATH, engineArguments)
            + rest,
        "CREATE TABLE "
            + ifNotExists
            + name
            + onCluster()
            + " AS "
            + database
            + "."
            + local
            + "\nENGINE = Distributed('"
            + cluster
            + "', '"
            + database
            + "', '"
            + local
            + "', "
            + SHARDING_KEY
            + ")");
  }

  private List<String> createMaterializedView(Matcher m) {
    String name = known(m.group(2)) + "." + m.group(3);
    String target = m.group(4) + "." + m.group(5);
    if (placementOf(target) != Placement.SHARDED) {
      throw new IllegalArgumentException(
          name
              + ": its target "
              + target
              + " must be a sharded table (with "
              + SHARDING_COLUMN
              + ")");
    }
    String query = m.group(6);
    boolean readsShardedTable = false;
    for (String source : SqlText.qualifiedNames(query)) {
      if (databases.contains(source.substring(0, source.indexOf('.')))) {
        readsShardedTable |= placementOf(source) == Placement.SHARDED;
      }
    }
    if (!readsShardedTable) {
      throw new IllegalArgumentException(name + ": it must read a sharded table");
    }
    placements.put(name, Placement.VIEW);
    return List.of(
        "CREATE MATERIALIZED VIEW "
            + ifNotExists(m.group(1))
            + name
            + onCluster()
            + " TO "
            + target
            + LOCAL_SUFFIX
            + " "
            + SqlText.rewriteQualifiedNames(query, this::localIfSharded));
  }

  private List<String> alterTable(Matcher m) {
    String name = m.group(1) + "." + m.group(2);
    Placement placement = placementOf(name);
    if (placement == Placement.EVERY_NODE) {
      return List.of(m.group());
    }
    if (placement != Placement.SHARDED) {
      throw new IllegalArgumentException(name + " is a view; ALTER it has no cluster form here");
    }
    for (String change : SqlText.topLevelItems(m.group(3))) {
      if (!COLUMN_CHANGE.matcher(change).matches()) {
        throw new IllegalArgumentException(
            name
                + ": only column changes (ADD/DROP/MODIFY/RENAME/COMMENT COLUMN) apply to both the"
                + " local and the Distributed tables; this one needs a decision: "
                + change);
      }
    }
    return List.of(
        "ALTER TABLE " + name + LOCAL_SUFFIX + onCluster() + " " + m.group(3),
        "ALTER TABLE " + name + onCluster() + " " + m.group(3));
  }

  private String localIfSharded(String name) {
    return placements.get(name) == Placement.SHARDED ? name + LOCAL_SUFFIX : name;
  }

  private Placement placementOf(String name) {
    Placement placement = placements.get(name);
    if (placement == null) {
      throw new IllegalArgumentException(name + " is not created by this or an earlier migration");
    }
    return placement;
  }

  private String known(String database) {
    if (!databases.contains(database)) {
      throw new IllegalArgumentException(
          "database " + database + " is not created by this or an earlier migration");
    }
    return database;
  }

  private String onCluster() {
    return " ON CLUSTER " + cluster;
  }

  private static String ifNotExists(String clause) {
    return clause == null ? "" : "IF NOT EXISTS ";
  }

  private static String replicated(String engine, String keeperPath, String arguments) {
    return "Replicated"
        + engine
        + "("
        + keeperPath
        + (arguments.isEmpty() ? "" : ", " + arguments)
        + ")";
  }

  /** The deduplication window of a non-replicated table, as the replicated table's. */
  private static String replicatedWindow(String rest) {
    Matcher window = NON_REPLICATED_WINDOW.matcher(rest);
    if (!window.find()) {
      return rest;
    }
    return rest.substring(0, window.start())
        + "replicated_deduplication_window = "
        + window.group(1)
        + ", replicated_deduplication_window_seconds = "
        + DEDUPLICATION_WINDOW_SECONDS
        + rest.substring(window.end());
  }

  private static boolean sortsBy(String rest, String column) {
    Matcher orderBy = ORDER_BY.matcher(rest);
    return orderBy.find()
        && Pattern.compile("\\b" + column + "\\b").matcher(orderBy.group(1)).find();
  }

  /** The names of the columns in a {@code (…)} column list (indexes and the like left out). */
  static Set<String> columnNames(String columns) {
    Set<String> names = new LinkedHashSet<>();
    for (String item : SqlText.topLevelItems(columns.substring(1, columns.length() - 1))) {
      Matcher name = COLUMN_NAME.matcher(item);
      if (name.lookingAt()) {
        String column = name.group(1) != null ? name.group(1) : name.group(2);
        if (!NOT_COLUMNS.contains(column.toUpperCase(Locale.ROOT))) {
          names.add(column);
        }
      }
    }
    return names;
  }
}
