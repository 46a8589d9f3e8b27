package org.chuanbo.schemas.records;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/**
 * Reads typed values out of a {@link GenericRecord} of any version, and builds one: the two
 * directions of the records' conversion. A field the record's schema lacks reads as null, so a
 * record of an older version converts too.
 */
final class GenericRecordFields {

  private GenericRecordFields() {}

  static void requireName(GenericRecord record, String fullName) {
    if (!record.getSchema().getFullName().equals(fullName)) {
      throw new IllegalArgumentException(
          "expected a " + fullName + ", got " + record.getSchema().getFullName());
    }
  }

  static String string(GenericRecord record, String field) {
    Object value = get(record, field);
    return value == null ? null : value.toString();
  }

  static Long longValue(GenericRecord record, String field) {
    return (Long) get(record, field);
  }

  static Instant instant(GenericRecord record, String field) {
    Long millis = longValue(record, field);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  /**
   * A long field that the schema makes non-null. A null can only come from a record built by hand
   * without the field (the codec never yields one), so it is refused rather than guessed.
   */
  static long requiredLong(GenericRecord record, String field) {
    Long value = longValue(record, field);
    if (value == null) {
      throw new IllegalArgumentException(
          record.getSchema().getFullName() + " has no value for " + field);
    }
    return value;
  }

  /**
   * An Avro {@code date} (int days since 1970-01-01). The codec applies no logical-type conversion,
   * so it delivers an {@link Integer}; a {@link LocalDate} from a converting reader is taken as is.
   */
  static LocalDate localDate(GenericRecord record, String field) {
    Object value = get(record, field);
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDate date) {
      return date;
    }
    return LocalDate.ofEpochDay(((Number) value).longValue());
  }

  /** The Java constant of an Avro enum symbol; symbols Java lacks become {@code fallback}. */
  static <E extends Enum<E>> E symbol(
      GenericRecord record, String field, Class<E> type, E fallback) {
    Object value = get(record, field);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toString());
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  static SortedMap<String, String> stringMap(GenericRecord record, String field) {
    Object value = get(record, field);
    SortedMap<String, String> map = new TreeMap<>();
    if (value instanceof Map<?, ?> avroMap) {
      avroMap.forEach((k, v) -> map.put(k.toString(), v == null ? null : v.toString()));
    }
    return Collections.unmodifiableSortedMap(map);
  }

  private static Object get(GenericRecord record, String field) {
    return record.hasField(field) ? record.get(field) : null;
  }

  static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  /** A date as the int days since 1970-01-01 of an Avro {@code date}. */
  static Integer epochDay(LocalDate date) {
    if (date == null) {
      return null;
    }
    long days = date.toEpochDay();
    if (days != (int) days) {
      throw new IllegalArgumentException(date + " does not fit an Avro date (int days)");
    }
    return (int) days;
  }

  static GenericData.EnumSymbol enumSymbol(Schema recordSchema, String field, Enum<?> value) {
    return value == null
        ? null
        : new GenericData.EnumSymbol(recordSchema.getField(field).schema(), value.name());
  }

  /**
   * Builds a record of {@code schema}: {@code fill} sets the fields, the rest take their defaults.
   * Avro's complaint about a missing required value becomes an {@link IllegalArgumentException}.
   */
  static GenericRecord build(Schema schema, Consumer<GenericRecordBuilder> fill) {
    try {
      GenericRecordBuilder builder = new GenericRecordBuilder(schema);
      fill.accept(builder);
      return builder.build();
    } catch (AvroRuntimeException e) {
      throw new IllegalArgumentException(
          "cannot build a " + schema.getName() + ": " + e.getMessage(), e);
    }
  }
}
