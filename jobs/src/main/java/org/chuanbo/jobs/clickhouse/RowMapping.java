package org.chuanbo.jobs.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract between a Java record and the table it is written to, stated once: an ordered list
 * of columns, each with its name, its ClickHouse type and how a record fills it. The writer ({@link
 * #write}) and the check against the migrations ({@link #columns}, compared with {@code
 * system.columns} by a test) both read this one list, so they cannot drift apart.
 *
 * <pre>
 * RowMapping&lt;Row&gt; mapping = RowMapping.&lt;Row&gt;into("chuanbo.t")
 *     .string("article_id", Row::articleId)
 *     .uint64("views", Row::views)
 *     .build();
 * </pre>
 */
public final class RowMapping<T> implements Serializable {

  /** Times are stored as instants and shown in this zone (DOMAIN.md: Shanghai days). */
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(SHANGHAI);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(SHANGHAI);

  /** Reads one column's value out of a record and writes it as JSON. */
  @FunctionalInterface
  public interface ValueWriter<T> extends Serializable {
    void write(T row, JsonGenerator json) throws IOException;
  }

  /** A serializable getter, so that mappings travel to the task managers with the sink. */
  @FunctionalInterface
  public interface Getter<T, V> extends Serializable {
    V get(T row);
  }

  /** A serializable getter of a primitive long. */
  @FunctionalInterface
  public interface LongGetter<T> extends Serializable {
    long get(T row);
  }

  /** A serializable getter of a primitive double. */
  @FunctionalInterface
  public interface DoubleGetter<T> extends Serializable {
    double get(T row);
  }

  /** One column: name, ClickHouse type, and how a record fills it. */
  public record Column<T>(String name, String type, ValueWriter<T> value) implements Serializable {}

  private final String table;
  private final List<Column<T>> columns;

  private RowMapping(String table, List<Column<T>> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
  }

  /** Starts the column list of {@code table} (fully qualified, e.g. {@code chuanbo.events}). */
  public static <T> Builder<T> into(String table) {
    return new Builder<>(table);
  }

  /** Fully qualified table name, e.g. {@code chuanbo.events}. */
  public String table() {
    return table;
  }

  /** Column name → ClickHouse type, in insert order; must match the table's DDL. */
  public LinkedHashMap<String, String> columns() {
    LinkedHashMap<String, String> types = new LinkedHashMap<>();
    for (Column<T> column : columns) {
      types.put(column.name(), column.type());
    }
    return types;
  }

  /** Writes the record as one JSONEachRow object whose fields are {@link #columns()}. */
  public void write(T row, JsonGenerator json) throws IOException {
    json.writeStartObject();
    for (Column<T> column : columns) {
      json.writeFieldName(column.name());
      column.value().write(row, json);
    }
    json.writeEndObject();
  }

  /** The column list, one typed method per kind of column the tables use. */
  public static final class Builder<T> {
    private final String table;
    private final List<Column<T>> columns = new ArrayList<>();

    private Builder(String table) {
      this.table = table;
    }

    private Builder<T> add(String name, String type, ValueWriter<T> value) {
      for (Column<T> column : columns) {
        if (column.name().equals(name)) {
          throw new IllegalArgumentException(table + " names column " + name + " twice");
        }
      }
      columns.add(new Column<>(name, type, value));
      return this;
    }

    public Builder<T> string(String name, Getter<T, String> getter) {
      return add(name, "String", (row, json) -> json.writeString(getter.get(row)));
    }

    public Builder<T> lowCardinality(String name, Getter<T, String> getter) {
      return add(name, "LowCardinality(String)", (row, json) -> json.writeString(getter.get(row)));
    }

    public Builder<T> nullableString(String name, Getter<T, String> getter) {
      return add(name, "Nullable(String)", (row, json) -> json.writeString(getter.get(row)));
    }

    public Builder<T> lowCardinalityNullable(String name, Getter<T, String> getter) {
      return add(
          name,
          "LowCardinality(Nullable(String))",
          (row, json) -> json.writeString(getter.get(row)));
    }

    /**
     * An unsigned integer column: {@code UInt8}, {@code UInt16}, {@code UInt32} or {@code UInt64}.
     */
    public Builder<T> unsigned(String name, String type, LongGetter<T> getter) {
      if (!type.matches("UInt(8|16|32|64)")) {
        throw new IllegalArgumentException(name + ": not an unsigned integer type: " + type);
      }
      return add(name, type, (row, json) -> json.writeNumber(getter.get(row)));
    }

    public Builder<T> uint64(String name, LongGetter<T> getter) {
      return unsigned(name, "UInt64", getter);
    }

    public Builder<T> nullableUInt64(String name, Getter<T, Long> getter) {
      return add(name, "Nullable(UInt64)", (row, json) -> writeNullable(json, getter.get(row)));
    }

    public Builder<T> float64(String name, DoubleGetter<T> getter) {
      return add(name, "Float64", (row, json) -> json.writeNumber(getter.get(row)));
    }

    public Builder<T> nullableFloat64(String name, Getter<T, Double> getter) {
      return add(
          name,
          "Nullable(Float64)",
          (row, json) -> {
            Double value = getter.get(row);
            if (value == null) {
              json.writeNull();
            } else {
              json.writeNumber(value);
            }
          });
    }

    /** An instant in epoch milliseconds, stored with millisecond precision, shown in Shanghai. */
    public Builder<T> dateTime64(String name, LongGetter<T> epochMillis) {
      return add(
          name,
          "DateTime64(3, 'Asia/Shanghai')",
          (row, json) ->
              json.writeString(MILLIS.format(Instant.ofEpochMilli(epochMillis.get(row)))));
    }

    public Builder<T> nullableDateTime64(String name, Getter<T, Long> epochMillis) {
      return add(
          name,
          "Nullable(DateTime64(3, 'Asia/Shanghai'))",
          (row, json) -> {
            Long millis = epochMillis.get(row);
            if (millis == null) {
              json.writeNull();
            } else {
              json.writeString(MILLIS.format(Instant.ofEpochMilli(millis)));
            }
          });
    }

    /** An instant in epoch milliseconds, stored to the second, shown in Shanghai. */
    public Builder<T> dateTime(String name, LongGetter<T> epochMillis) {
      return add(
          name,
          "DateTime('Asia/Shanghai')",
          (row, json) ->
              json.writeString(SECONDS.format(Instant.ofEpochMilli(epochMillis.get(row)))));
    }

    /** A calendar day, given as days since 1970-01-01. */
    public Builder<T> date(String name, LongGetter<T> epochDay) {
      return add(
          name,
          "Date",
          (row, json) -> json.writeString(LocalDate.ofEpochDay(epochDay.get(row)).toString()));
    }

    public Builder<T> uint64Array(String name, Getter<T, long[]> getter) {
      return add(
          name,
          "Array(UInt64)",
          (row, json) -> {
            long[] values = getter.get(row);
            json.writeArray(values, 0, values.length);
          });
    }

    public Builder<T> stringMap(String name, Getter<T, Map<String, String>> getter) {
      return add(
          name,
          "Map(String, String)",
          (row, json) -> {
            json.writeStartObject();
            for (Map.Entry<String, String> entry : getter.get(row).entrySet()) {
              json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
          });
    }

    public RowMapping<T> build() {
      if (columns.isEmpty()) {
        throw new IllegalStateException(table + " has no columns");
      }
      return new RowMapping<>(table, columns);
    }

    private static void writeNullable(JsonGenerator json, Long value) throws IOException {
      if (value == null) {
        json.writeNull();
      } else {
        json.writeNumber(value);
      }
    }
  }
}
