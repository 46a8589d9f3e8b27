package org.chuanbo.clickhouse.local.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;

/**
 * Who may query the endpoint. By default, as a fresh ClickHouse server: the user {@code default}
 * with no password. With {@code --user/--password}, exactly that user, and anything else is refused
 * the way the server refuses it (code 516, AUTHENTICATION_FAILED).
 */
public final class UserDirectory {

  private static final int AUTHENTICATION_FAILED = 516;

  private final String user;
  private final byte[] password;

  private UserDirectory(String user, String password) {
    this.user = user;
    this.password = password.getBytes(StandardCharsets.UTF_8);
  }

  public static UserDirectory defaultUserWithoutPassword() {
    return new UserDirectory("default", "");
  }

  public static UserDirectory single(String user, String password) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("--user must not be empty");
    }
    return new UserDirectory(user, password == null ? "" : password);
  }

  public String user() {
    return user;
  }

  /** Returns the authenticated user name, or throws the server's code-516 error. */
  String authenticate(String requestedUser, String requestedPassword) {
    String name = requestedUser == null || requestedUser.isEmpty() ? "default" : requestedUser;
    byte[] given =
        (requestedPassword == null ? "" : requestedPassword).getBytes(StandardCharsets.UTF_8);
    // Compare in constant time so response timing does not leak the password.
    boolean passwordMatches = MessageDigest.isEqual(given, password);
    if (!name.equals(user) || !passwordMatches) {
      throw ClickHouseException.of(
          AUTHENTICATION_FAILED,
          "AUTHENTICATION_FAILED",
          name
              + ": Authentication failed: password is incorrect, or there is no user with such name");
    }
    return name;
  }
}
