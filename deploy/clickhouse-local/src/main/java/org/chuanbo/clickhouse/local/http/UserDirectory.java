package org.chuanbo.clickhouse.local.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;

/**
 * Who may query the endpoint, and in which {@link Role}. By default, as a fresh ClickHouse server:
 * the user {@code default} with no password ({@link Role#OPEN}). With {@code --user/--password},
 * exactly that user, as admin. The local stack passes its credentials file: one user per role.
 * Anything else is refused the way the server refuses it (code 516, AUTHENTICATION_FAILED).
 */
public final class UserDirectory {

  private static final int AUTHENTICATION_FAILED = 516;

  /** A user who has logged in. */
  public record User(String name, Role role) {}

  private record Entry(byte[] password, Role role) {}

  private final Map<String, Entry> users;

  private UserDirectory(Map<String, Entry> users) {
    this.users = users;
  }

  public static UserDirectory defaultUserWithoutPassword() {
    return new UserDirectory(Map.of("default", new Entry(new byte[0], Role.OPEN)));
  }

  /** Exactly one user, who may do everything. */
  public static UserDirectory single(String user, String password) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("--user must not be empty");
    }
    return new UserDirectory(Map.of(user, new Entry(utf8(password), Role.ADMIN)));
  }

  /**
   * Users with passwords, each in the role its name implies ({@link Role#impliedBy}). Every user
   * needs a password: a passwordless user would let anyone in under its name.
   */
  public static UserDirectory withRoles(Map<String, String> passwordsByUser) {
    if (passwordsByUser.isEmpty()) {
      throw new IllegalArgumentException("no users: the credentials name none");
    }
    Map<String, Entry> users = new LinkedHashMap<>();
    passwordsByUser.forEach(
        (user, password) -> {
          if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("user '" + user + "' has no password");
          }
          users.put(user, new Entry(utf8(password), Role.impliedBy(user)));
        });
    return new UserDirectory(Map.copyOf(users));
  }

  /** The name shown in the start-up line: the one user, or the users and their roles. */
  public String describe() {
    if (users.size() == 1) {
      return users.keySet().iterator().next();
    }
    StringBuilder text = new StringBuilder();
    users.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            user ->
                text.append(text.length() == 0 ? "" : ", ")
                    .append(user.getKey())
                    .append(" (")
                    .append(user.getValue().role().name().toLowerCase(java.util.Locale.ROOT))
                    .append(')'));
    return text.toString();
  }

  /** Returns the logged-in user, or throws the server's code-516 error. */
  User authenticate(String requestedUser, String requestedPassword) {
    String name = requestedUser == null || requestedUser.isEmpty() ? "default" : requestedUser;
    Entry entry = users.get(name);
    byte[] given = utf8(requestedPassword);
    // Compare in constant time, even for an unknown user, so timing leaks neither.
    boolean passwordMatches =
        MessageDigest.isEqual(given, entry != null ? entry.password() : new byte[] {0});
    if (entry == null || !passwordMatches) {
      throw ClickHouseException.of(
          AUTHENTICATION_FAILED,
          "AUTHENTICATION_FAILED",
          name
              + ": Authentication failed: password is incorrect, or there is no user with such name");
    }
    return new User(name, entry.role());
  }

  private static byte[] utf8(String text) {
    return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
  }
}
