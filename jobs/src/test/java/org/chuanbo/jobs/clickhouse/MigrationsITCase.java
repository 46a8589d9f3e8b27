package org.chuanbo.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.junit.jupiter.api.Test;

class MigrationsITCase {

  private final ClickHouseEndpoint endpoint =
      ClickHouseEndpoint.local(LocalClickHouse.server().port());

  @Test
  void shouldApplyEveryMigrationOnceAndRecordIt() throws Exception {
    Migrations migrations = Migrations.bundled();
    migrations.apply(endpoint);
    assertThat(migrations.apply(endpoint)).as("a second run applies nothing").isEmpty();
    try (Client client = endpoint.newClient()) {
      assertThat(client.queryAll("SELECT count() FROM chuanbo.schema_migrations").get(0).getLong(1))
          .isEqualTo(migrations.all().size());
      assertThat(client.queryAll("EXISTS TABLE chuanbo.article_minute").get(0).getInteger(1))
          .isEqualTo(1);
      assertThat(client.queryAll("EXISTS TABLE chuanbo.articles").get(0).getInteger(1))
          .isEqualTo(1);
      assertThat(client.queryAll("SELECT count() FROM chuanbo.offices FINAL").get(0).getLong(1))
          .isEqualTo(7);
    }
  }

  @Test
  void shouldSplitScriptsIntoStatements() {
    assertThat(
            SqlScript.statements(
                "-- a comment; with a semicolon\nCREATE TABLE a (x UInt8);\n\nSELECT 'a;b';\n"))
        .containsExactly("CREATE TABLE a (x UInt8)", "SELECT 'a;b'");
  }
}
