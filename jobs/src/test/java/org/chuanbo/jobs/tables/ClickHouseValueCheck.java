package org.chuanbo.jobs.tables;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.chuanbo.jobs.clickhouse.RowMapping;

/**
 * Whether ClickHouse would take a row as the sink writes it (JSONEachRow): each value checked
 * against the range of its column's type, as the ClickHouse documentation gives it. A value out of
 * range makes the insert fail — and the job retry the same batch after every restart — or, worse,
 * be stored as some other value.
 */
final class ClickHouseValueCheck {

  /** Jackson's default read limits are for untrusted input; these rows hold 200 KiB strings. */
  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNameLength(Integer.MAX_VALUE)
                      .maxStringLength(Integer.MAX_VALUE)
                      .build())
              .build());

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  /** DateTime64's range: 1900-01-01 to 2299-12-31. */
  private static final LocalDateTime DATETIME64_FIRST = LocalDateTime.of(1900, 1, 1, 0, 0);

  private static final LocalDateTime DATETIME64_LAST =
      LocalDateTime.of(2299, 12, 31, 23, 59, 59, 999_000_000);

  /** Date's range: 1970-01-01 to 2149-06-06. */
  private static final LocalDate DATE_LAST = LocalDate.of(2149, 6, 6);

  private ClickHouseValueCheck() {}

  /** Every value of the row that its column's type cannot hold; empty when all fit. */
  static <T> List<String> problems(RowMapping<T> mapping, T row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonNode json;
    try (var generator = JSON.getFactory().createGenerator(out)) {
      mapping.write(row, generator);
      generator.flush();
      json = JSON.readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> column : mapping.columns().entrySet()) {
      String problem = problem(column.getValue(), json.get(column.getKey()));
      if (problem != null) {
        problems.add(
            mapping.table() + "." + column.getKey() + " " + column.getValue() + ": " + problem);
      }
    }
    return problems;
  }

  /** Why {@code type} cannot hold {@code value}, or null when it can. */
  static String problem(String type, JsonNode value) {
    if (value == null) {
      return "missing";
    }
    if (type.startsWith("LowCardinality(")) {
      return problem(inner(type, "LowCardinality("), value);
    }
    if (type.startsWith("Nullable(")) {
      return value.isNull() ? null : problem(inner(type, "Nullable("), value);
    }
    if (value.isNull()) {
      return "null in a column that is not Nullable";
    }
    if (type.startsWith("Array(")) {
      if (!value.isArray()) {
        return "not an array: " + value;
      }
      for (JsonNode item : value) {
        String problem = problem(inner(type, "Array("), item);
        if (problem != null) {
          return "item " + problem;
        }
      }
      return null;
    }
    if (type.equals("Map(String, String)")) {
      if (!value.isObject()) {
        return "not an object: " + value;
      }
      for (Iterator<JsonNode> values = value.elements(); values.hasNext(); ) {
        if (!values.next().isTextual()) {
          return "a map value that is not a string";
        }
      }
      return null;
    }
    if (type.matches("UInt(8|16|32|64)")) {
      if (!value.isIntegralNumber()) {
        return "not an integer: " + value;
      }
      int bits = Integer.parseInt(type.substring(4));
      BigInteger n = value.bigIntegerValue();
      return n.signum() >= 0 && n.bitLength() <= bits ? null : n + " is out of range";
    }
    if (type.equals("Float64")) {
      return value.isNumber() && Double.isFinite(value.doubleValue())
          ? null
          : "not finite: " + value;
    }
    if (type.equals("String")) {
      return value.isTextual() ? null : "not a string: " + value;
    }
    if (type.equals("DateTime64(3, 'Asia/Shanghai')")) {
      LocalDateTime time = parse(value, MILLIS);
      if (time == null) {
        return "not yyyy-MM-dd HH:mm:ss.SSS: " + value;
      }
      return time.isBefore(DATETIME64_FIRST) || time.isAfter(DATETIME64_LAST)
          ? value.asText() + " is outside 1900..2299"
          : null;
    }
    if (type.equals("DateTime('Asia/Shanghai')")) {
      LocalDateTime time = parse(value, SECONDS);
      if (time == null) {
        return "not yyyy-MM-dd HH:mm:ss: " + value;
      }
      long seconds = time.atZone(SHANGHAI).toEpochSecond();
      return seconds < 0 || seconds > 0xFFFF_FFFFL
          ? value.asText() + " is outside 1970..2106"
          : null;
    }
    if (type.equals("Date")) {
      try {
        LocalDate day = LocalDate.parse(value.asText());
        return day.isBefore(LocalDate.EPOCH) || day.isAfter(DATE_LAST)
            ? day + " is outside 1970-01-01..2149-06-06"
            : null;
      } catch (DateTimeParseException e) {
        return "not yyyy-MM-dd: " + value;
      }
    }
    return "no check for type " + type;
  }

  private static LocalDateTime parse(JsonNode value, DateTimeFormatter format) {
    if (!value.isTextual()) {
      return null;
    }
    try {
      return LocalDateTime.parse(value.asText(), format);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String inner(String type, String wrapper) {
    return type.substring(wrapper.length(), type.length() - 1);
  }
}
