package org.chuanbo.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.PlatformCount;
import org.junit.jupiter.api.Test;

/**
 * A record's Avro schema and the table it lands in agree: every field of the current schema has a
 * column of the same name whose ClickHouse type can hold it. A field added to a schema without a
 * column (or a column type that cannot hold the field) fails here, before any data is lost.
 */
class RecordTableContractTest {

  private final SchemaCatalog catalog = SchemaCatalog.released();

  @Test
  void everyEventFieldHasAColumnInTheEventsTable() {
    assertFieldsHaveColumns(DisseminationEvent.AVRO_NAME, EventsTable.MAPPING);
  }

  @Test
  void everyPlatformCountFieldHasAColumnInTheReportsTable() {
    assertFieldsHaveColumns(PlatformCount.AVRO_NAME, PlatformCountReportsTable.MAPPING);
  }

  private void assertFieldsHaveColumns(String record, RowMapping<?> mapping) {
    Schema schema = catalog.current(record).schema();
    Map<String, String> columns = mapping.columns();
    for (Schema.Field field : schema.getFields()) {
      assertThat(columns)
          .as(mapping.table() + " has a column for " + field.name())
          .containsKey(field.name());
      assertThat(columns.get(field.name()))
          .as(field.name())
          .matches(clickHouseTypesFor(field.schema()));
    }
  }

  /** The ClickHouse column types that can hold an Avro field's values, as a regex. */
  private static String clickHouseTypesFor(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      Schema value =
          schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().get();
      return "(LowCardinality\\()?Nullable\\(" + unwrapped(value) + "\\)\\)?";
    }
    return "(LowCardinality\\()?" + unwrapped(schema) + "\\)?";
  }

  private static String unwrapped(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical != null && logical.getName().equals("timestamp-millis")) {
      return "DateTime64\\(3, 'Asia/Shanghai'\\)";
    }
    if (logical != null && logical.getName().equals("date")) {
      return "Date";
    }
    return switch (schema.getType()) {
      case STRING, ENUM -> "String";
      case LONG -> "U?Int64";
      case INT -> "U?Int(32|64)";
      case MAP -> "Map\\(String, String\\)";
      default -> throw new AssertionError("no column type known for " + schema);
    };
  }
}
