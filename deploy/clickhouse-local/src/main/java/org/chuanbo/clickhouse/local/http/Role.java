package org.chuanbo.clickhouse.local.http;

import java.util.Locale;

/**
 * What a user of the endpoint may do. chDB runs every statement as the engine's one built-in user,
 * so the engine cannot tell users apart: the endpoint enforces these rules itself (see {@link
 * StatementAccess}), and leaves to the engine what it can enforce — {@code readonly} for readers
 * and GET requests, and the per-query limits of {@link EndpointLimits}.
 */
public enum Role {
  /** Migrations and maintenance: every statement, including those that touch the host. */
  ADMIN,
  /** The job: INSERT into tables, and reads. No DDL, no mutations, no host access. */
  WRITER,
  /** Dashboards, exports and people: reads only. */
  READER,
  /**
   * The passwordless {@code default} user of a standalone endpoint, as on a fresh ClickHouse
   * server: reads, writes and DDL, but nothing that touches the host. The local stack never runs
   * it.
   */
  OPEN;

  /**
   * The role a credentials file's user name implies: names contain {@code admin}, {@code writer} or
   * {@code reader}.
   */
  public static Role impliedBy(String userName) {
    String name = userName.toLowerCase(Locale.ROOT);
    if (name.contains("admin")) {
      return ADMIN;
    }
    if (name.contains("writer")) {
      return WRITER;
    }
    if (name.contains("reader")) {
      return READER;
    }
    throw new IllegalArgumentException(
        "user '" + userName + "' names no role: a user name must contain admin, writer or reader");
  }
}
