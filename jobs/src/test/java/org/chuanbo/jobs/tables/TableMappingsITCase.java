package org.chuanbo.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.clickhouse.Migrations;
import org.chuanbo.jobs.clickhouse.RowMapping;
import org.junit.jupiter.api.Test;

/** Each row mapping's column list is the table's, name for name and type for type. */
class TableMappingsITCase {

  @Test
  void shouldMatchTheMigratedTables() throws Exception {
    ClickHouseEndpoint endpoint = ClickHouseEndpoint.local(LocalClickHouse.server().port());
    Migrations.bundled().apply(endpoint);
    try (Client client = endpoint.newClient()) {
      for (RowMapping<?> mapping :
          List.of(
              EventsTable.MAPPING,
              ArticleMinuteTable.MAPPING,
              ArticleVersionsTable.MAPPING,
              PlatformCountReportsTable.MAPPING,
              ShareCascadeTable.MAPPING,
              ArticleSpreadTable.MAPPING,
              DiConfigTable.MAPPING,
              IngestQualityMinuteTable.MAPPING)) {
        String[] name = mapping.table().split("\\.");
        Map<String, String> written = new LinkedHashMap<>();
        for (GenericRecord column :
            client.queryAll(
                "SELECT name, type FROM system.columns WHERE database = {db:String} AND table = {t:String}"
                    + " AND default_kind = '' ORDER BY position",
                Map.of("db", name[0], "t", name[1]))) {
          written.put(column.getString("name"), column.getString("type"));
        }
        assertThat(mapping.columns()).as(mapping.table()).containsExactlyEntriesOf(written);
      }
    }
  }
}
