package org.chuanbo.cli.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.chuanbo.clickhouse.local.http.UserDirectory;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;

/**
 * The local stack's ClickHouse users, one per role, with passwords generated on the first {@code
 * stack up} and kept in {@code .chuanbo/credentials.properties} ({@code user=password} lines, mode
 * 0600) so that people's own tools can read them: the admin runs the migrations, the writer is the
 * job's, and the reader is for the dashboards, the reports and every command that only reads.
 */
public record StackCredentials(Map<String, String> passwordsByUser) {

  public static final String ADMIN = "chuanbo_admin";
  public static final String WRITER = "chuanbo_writer";
  public static final String READER = "chuanbo_reader";

  private static final int PASSWORD_BYTES = 24;

  /** The file's credentials, generating the file when it is missing. */
  public static StackCredentials readOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      write(file, generated());
    }
    return read(file);
  }

  /** The file's credentials, if the stack has made them. */
  public static Optional<StackCredentials> readIfPresent(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(read(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static StackCredentials read(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> users = new LinkedHashMap<>();
    for (String user : new String[] {ADMIN, WRITER, READER}) {
      String password = properties.getProperty(user);
      if (password == null || password.isBlank()) {
        throw new IllegalStateException(
            file
                + " has no password for "
                + user
                + "; delete the file and run ./chuanbo stack up to generate a new one");
      }
      users.put(user, password.strip());
    }
    return new StackCredentials(Map.copyOf(users));
  }

  private static Map<String, String> generated() {
    SecureRandom random = new SecureRandom();
    Map<String, String> users = new LinkedHashMap<>();
    for (String user : new String[] {ADMIN, WRITER, READER}) {
      byte[] secret = new byte[PASSWORD_BYTES];
      random.nextBytes(secret);
      users.put(user, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }
    return users;
  }

  private static void write(Path file, Map<String, String> users) throws IOException {
    Files.createDirectories(file.getParent());
    // Created 0600 before any secret is in it: never readable by others, not even for a moment.
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("# The local stack's ClickHouse users (generated; keep private).\n");
      out.write("# admin: migrations; writer: the job; reader: dashboards, reports, commands.\n");
      for (Map.Entry<String, String> user : users.entrySet()) {
        out.write(user.getKey() + "=" + user.getValue() + "\n");
      }
    }
  }

  /** Who the endpoint lets in: these users, each in the role its name says. */
  public UserDirectory users() {
    return UserDirectory.withRoles(passwordsByUser);
  }

  public ClickHouseEndpoint admin(String url) {
    return login(url, ADMIN);
  }

  public ClickHouseEndpoint writer(String url) {
    return login(url, WRITER);
  }

  public ClickHouseEndpoint reader(String url) {
    return login(url, READER);
  }

  /** {@code user} (one of {@link #ADMIN}, {@link #WRITER}, {@link #READER}) at {@code url}. */
  public ClickHouseEndpoint login(String url, String user) {
    return new ClickHouseEndpoint(url, user, passwordsByUser.get(user));
  }
}
