package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Properties;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The unmodified official JDBC driver (jdbc-v2 0.10.0) with its default settings. */
class JdbcDriverITCase {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @BeforeAll
  static void loadDriver() {
    // jdbc-v2 0.10.0 does not register itself with DriverManager.
    com.clickhouse.jdbc.Driver.load();
  }

  private static Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "default");
    properties.setProperty("password", "");
    return DriverManager.getConnection(LocalClickHouse.jdbcUrl(), properties);
  }

  @Test
  void shouldInsertAHundredThousandRowsInOnePreparedBatch() throws SQLException {
    String table = LocalClickHouse.uniqueName("jdbc_batch");
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + table
              + " (id UInt32, title String, views UInt64) ENGINE = MergeTree ORDER BY id");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
        for (int i = 0; i < 100_000; i++) {
          insert.setInt(1, i);
          insert.setString(2, "第" + i + "期 我是党员\n'quoted'\\");
          insert.setLong(3, i * 7L);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT count(), sum(views), uniqExact(title), any(title) FROM "
                  + table
                  + " WHERE id = 4242 OR id >= 0")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).isEqualTo(100_000);
        assertThat(rows.getLong(2)).isEqualTo(7L * 99_999 * 100_000 / 2);
        assertThat(rows.getLong(3)).isEqualTo(100_000);
      }
      try (ResultSet row =
          statement.executeQuery("SELECT title FROM " + table + " WHERE id = 4242")) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1)).isEqualTo("第4242期 我是党员\n'quoted'\\");
      }
    }
  }

  @Test
  void shouldReadBackCommonTypes() throws SQLException {
    String table = LocalClickHouse.uniqueName("jdbc_types");
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + table
              + " (id UInt8, title String, published DateTime('Asia/Shanghai'), editor Nullable(String),"
              + " tags Array(String), by_channel Map(String, UInt32), office LowCardinality(String),"
              + " score Decimal(18, 4), biggest UInt64) ENGINE = MergeTree ORDER BY id");
      statement.execute(
          "INSERT INTO "
              + table
              + " VALUES (1, '勤廉榜样：贺州的第一书记', '2026-11-26 08:30:00', NULL, ['我是党员', '第一书记'],"
              + " {'WECHAT': 120, 'TV': 3}, '钟山县', 12345.6789, 18446744073709551615),"
              + " (2, 'plain', '2026-01-01 00:00:00', '李编辑', [], {}, '贺州市', -0.5, 0)");
      try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt("id")).isEqualTo(1);
        assertThat(rows.getString("title")).isEqualTo("勤廉榜样：贺州的第一书记");
        assertThat(
                rows.getObject("published", ZonedDateTime.class)
                    .withZoneSameInstant(SHANGHAI)
                    .toLocalDateTime())
            .isEqualTo(LocalDateTime.of(2026, 11, 26, 8, 30));
        assertThat(rows.getString("editor")).isNull();
        assertThat(rows.wasNull()).isTrue();
        assertThat((Object[]) rows.getArray("tags").getArray()).containsExactly("我是党员", "第一书记");
        assertThat(rows.getObject("by_channel"))
            .isEqualTo(java.util.Map.of("WECHAT", 120L, "TV", 3L));
        assertThat(rows.getString("office")).isEqualTo("钟山县");
        assertThat(rows.getBigDecimal("score")).isEqualByComparingTo(new BigDecimal("12345.6789"));
        assertThat(rows.getObject("biggest")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString("editor")).isEqualTo("李编辑");
        assertThat(rows.getBigDecimal("score")).isEqualByComparingTo(new BigDecimal("-0.5"));
        assertThat(rows.next()).isFalse();
      }
    }
  }

  @Test
  void shouldSurfaceServerErrorsAsSqlExceptionsWithTheirCode() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table_anywhere"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(60))
          .hasMessageContaining("no_such_table_anywhere");
      assertThatThrownBy(() -> statement.executeQuery("SELEKT 1"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(62));
    }
  }
}
