package org.chuanbo.jobs.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.chuanbo.jobs.spread.DisseminationIndex;
import org.chuanbo.jobs.tables.DiConfigTable;

/**
 * Applies the numbered migrations of {@code schemas/clickhouse/} in order, each once, and records
 * them in {@code chuanbo.schema_migrations}. Safe to re-run: applied versions are skipped, and a
 * migration whose file changed after it was applied stops the run rather than being ignored.
 */
public final class Migrations {

  private static final String FOLDER = "clickhouse/";
  private static final long TIMEOUT_SECONDS = 60;

  /** One migration file. */
  public record Migration(int version, String name, String sql, String sha256) {}

  private final List<Migration> migrations;

  private Migrations(List<Migration> migrations) {
    this.migrations = migrations;
  }

  /** The migrations shipped on the classpath, in version order. */
  public static Migrations bundled() {
    List<Migration> migrations = new ArrayList<>();
    for (String name :
        resource(FOLDER + "index.txt")
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .toList()) {
      String sql = resource(FOLDER + name);
      migrations.add(new Migration(Integer.parseInt(name.substring(0, 4)), name, sql, sha256(sql)));
    }
    return new Migrations(migrations);
  }

  public List<Migration> all() {
    return migrations;
  }

  /**
   * How every migration statement runs. A migration that copies existing rows into a new table
   * (0009's backfill of reach_daily) may touch any number of monthly partitions, and ClickHouse
   * refuses an insert touching more than 100 by default: on a database holding a few years of
   * events, or late events from long ago, the migration would fail the same way every time.
   */
  public static CommandSettings statementSettings() {
    CommandSettings settings = new CommandSettings();
    settings.serverSetting("max_partitions_per_insert_block", "0");
    return settings;
  }

  /** Applies what is missing; returns the names applied now (empty when all were applied). */
  public List<String> apply(ClickHouseEndpoint endpoint) {
    try (Client client = endpoint.newClient()) {
      Statements statements = new Statements(client, endpoint.url());
      statements.run(resource(FOLDER + "bootstrap/schema_migrations.sql"));
      List<Migration> pending = pending(statements.applied());
      for (Migration migration : pending) {
        statements.run(migration.sql());
        statements.run(
            "INSERT INTO chuanbo.schema_migrations (version, name, sha256) VALUES ("
                + migration.version()
                + ", '"
                + migration.name()
                + "', '"
                + migration.sha256()
                + "');");
      }
      statements.publishDisseminationIndexVersions();
      return pending.stream().map(Migration::name).toList();
    }
  }

  /** The migrations not applied yet; a changed applied one stops the run. */
  private List<Migration> pending(Map<Integer, String> applied) {
    List<Migration> pending = new ArrayList<>();
    for (Migration migration : migrations) {
      String recorded = applied.get(migration.version());
      if (recorded == null) {
        pending.add(migration);
      } else if (!recorded.equals(migration.sha256())) {
        throw new IllegalStateException(
            "migration "
                + migration.name()
                + " changed after it was applied; add a new numbered migration instead");
      }
    }
    return pending;
  }

  /** Runs scripts on one ClickHouse; any failure says where and why in one line. */
  private record Statements(Client client, String url) {

    void run(String script) {
      for (String statement : SqlScript.statements(script)) {
        call(
            () ->
                client
                    .execute(statement, statementSettings())
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .close());
      }
    }

    /**
     * Copies every released dissemination-index version that {@code chuanbo.di_config} lacks (the
     * config files are the source; the table lets SQL recompute DI on its own).
     */
    void publishDisseminationIndexVersions() {
      call(
          () -> {
            Set<Integer> present = new HashSet<>();
            for (GenericRecord row :
                client.queryAll("SELECT DISTINCT version FROM chuanbo.di_config")) {
              present.add(row.getInteger("version"));
            }
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            try (JsonGenerator json = new JsonFactory().createGenerator(rows)) {
              json.setRootValueSeparator(null);
              for (DisseminationIndex index : DisseminationIndex.released()) {
                if (!present.contains(index.version())) {
                  for (DiConfigTable.Row row : DiConfigTable.rows(index)) {
                    DiConfigTable.MAPPING.write(row, json);
                    json.writeRaw('\n');
                  }
                }
              }
            }
            if (rows.size() > 0) {
              client
                  .insert(
                      DiConfigTable.MAPPING.table(),
                      new ByteArrayInputStream(rows.toByteArray()),
                      ClickHouseFormat.JSONEachRow)
                  .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                  .close();
            }
          });
    }

    Map<Integer, String> applied() {
      Map<Integer, String> applied = new TreeMap<>();
      call(
          () -> {
            for (GenericRecord row :
                client.queryAll("SELECT version, sha256 FROM chuanbo.schema_migrations")) {
              applied.put(row.getInteger("version"), row.getString("sha256"));
            }
          });
      return applied;
    }

    private void call(ThrowingRunnable action) {
      try {
        action.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while migrating ClickHouse at " + url, e);
      } catch (Exception e) {
        throw new IllegalStateException(
            "cannot migrate ClickHouse at " + url + ": " + firstLine(e), e);
      }
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static String resource(String path) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + path + " (schemas/clickhouse is packaged with the jobs)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
