package org.chuanbo.jobs.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

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

  /** Applies what is missing; returns the names applied now (empty when all were applied). */
  public List<String> apply(ClickHouseEndpoint endpoint) {
    try (Client client = endpoint.newClient()) {
      for (String statement :
          SqlScript.statements(resource(FOLDER + "bootstrap/schema_migrations.sql"))) {
        execute(client, statement);
      }
      Map<Integer, String> applied = applied(client);
      List<String> appliedNow = new ArrayList<>();
      for (Migration migration : migrations) {
        String recorded = applied.get(migration.version());
        if (recorded != null) {
          if (!recorded.equals(migration.sha256())) {
            throw new IllegalStateException(
                "migration "
                    + migration.name()
                    + " changed after it was applied; add a new numbered migration instead");
          }
          continue;
        }
        for (String statement : SqlScript.statements(migration.sql())) {
          execute(client, statement);
        }
        execute(
            client,
            "INSERT INTO chuanbo.schema_migrations (version, name, sha256) VALUES ("
                + migration.version()
                + ", '"
                + migration.name()
                + "', '"
                + migration.sha256()
                + "')");
        appliedNow.add(migration.name());
      }
      return appliedNow;
    } catch (Exception e) {
      if (e instanceof IllegalStateException illegal) {
        throw illegal;
      }
      throw new IllegalStateException(
          "cannot migrate ClickHouse at " + endpoint.url() + ": " + firstLine(e), e);
    }
  }

  private static Map<Integer, String> applied(Client client) {
    Map<Integer, String> applied = new TreeMap<>();
    for (GenericRecord row :
        client.queryAll("SELECT version, sha256 FROM chuanbo.schema_migrations")) {
      applied.put(row.getInteger("version"), row.getString("sha256"));
    }
    return applied;
  }

  private static void execute(Client client, String statement) throws Exception {
    client.execute(statement).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).close();
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
