package org.chuanbo.cli.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The latency of every report query, and of every Superset chart's generated query, over the loaded
 * month: each query runs once to warm up, then {@code runs} times through the HTTP endpoint as the
 * reader (as the dashboards and reports run them), with its parameters bound the way the report
 * code binds them (Shanghai local text for times, '' for every office and channel; a chart's query
 * has none, Superset writes its values into the text). Latency is the client's wall time, answer
 * read whole.
 */
public final class QueryLatency {

  private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+):([^}]+)}");
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Timed runs below which the budget does not stop a query. */
  static final int MIN_RUNS = 3;

  public record Result(String query, long rows, Percentiles millis) {}

  /**
   * The values the queries are asked with, taken from the loaded data: its whole span (a month, as
   * the 月报 asks), the most viewed piece (the heaviest single-piece answer), and "now" at the span's
   * end (trending reads the last two hours before it).
   */
  public record Scope(
      LocalDateTime from,
      LocalDateTime to,
      long fromEpochSecond,
      long toEpochSecond,
      String articleId) {

    public static Scope of(Client reader) {
      GenericRecord span =
          reader
              .queryAll(
                  "SELECT toUnixTimestamp(min(event_time)) AS f, toUnixTimestamp(max(event_time)) + 1 AS t"
                      + " FROM chuanbo.events")
              .get(0);
      String top =
          reader
              .queryAll(
                  "SELECT article_id FROM chuanbo.article_minute GROUP BY article_id"
                      + " ORDER BY sum(views) DESC, article_id LIMIT 1")
              .get(0)
              .getString(1);
      long from = span.getLong("f");
      long to = span.getLong("t");
      return new Scope(local(from), local(to), from, to, top);
    }

    private static LocalDateTime local(long epochSecond) {
      return LocalDateTime.ofEpochSecond(
          epochSecond,
          0,
          SHANGHAI.getRules().getOffset(java.time.Instant.ofEpochSecond(epochSecond)));
    }

    /** The value for one {@code {name:Type}} placeholder. */
    Object value(String name, String type) {
      return switch (name) {
        case "from" -> type.startsWith("Int") ? fromEpochSecond : LOCAL.format(from);
        case "to" -> type.startsWith("Int") ? toEpochSecond : LOCAL.format(to);
        case "from_day" -> from.toLocalDate().toString();
        case "to_day" -> to.toLocalDate().toString();
        case "now" -> LOCAL.format(to);
        case "article_id" -> articleId;
        case "office", "channel" -> "";
        case "by" -> "office";
        case "limit", "per_office" -> 10;
        default ->
            throw new IllegalStateException(
                "no bench value for the parameter {" + name + ":" + type + "}");
      };
    }
  }

  private QueryLatency() {}

  /** The parameters one query's text asks for, with the scope's values. */
  static Map<String, Object> parameters(String sql, Scope scope) {
    Map<String, Object> parameters = new HashMap<>();
    Matcher matcher = PARAMETER.matcher(sql);
    while (matcher.find()) {
      parameters.put(matcher.group(1), scope.value(matcher.group(1), matcher.group(2)));
    }
    return parameters;
  }

  /**
   * Times each query {@code runs} times, or fewer once {@code budget} has passed for it (never
   * fewer than {@link #MIN_RUNS}): a query that takes seconds is far past its 300 ms target after
   * three runs, and twenty of them would take the bench past its ten minutes. The JSON says how
   * many runs each figure rests on.
   */
  public static Map<String, Result> run(
      Client reader,
      Scope scope,
      String what,
      Map<String, String> queries,
      int runs,
      Duration budget,
      Progress progress) {
    progress.line(
        "queries: %d %s × %d runs over %s … %s (piece %s)",
        queries.size(), what, runs, scope.from(), scope.to(), scope.articleId());
    Map<String, Result> results = new LinkedHashMap<>();
    for (Map.Entry<String, String> query : queries.entrySet()) {
      Map<String, Object> parameters = parameters(query.getValue(), scope);
      long rows = reader.queryAll(query.getValue(), parameters).size();
      List<Double> millis = new ArrayList<>();
      long deadline = System.nanoTime() + budget.toNanos();
      for (int run = 0; run < runs; run++) {
        if (run >= MIN_RUNS && System.nanoTime() > deadline) {
          break;
        }
        long start = System.nanoTime();
        reader.queryAll(query.getValue(), parameters);
        millis.add((System.nanoTime() - start) / 1e6);
      }
      Result result = new Result(query.getKey(), rows, Percentiles.of(millis));
      progress.line(
          "  %-24s p50 %7.1f ms  p99 %7.1f ms  %,d rows  (%d runs)",
          query.getKey(),
          result.millis().p50(),
          result.millis().p99(),
          rows,
          result.millis().count());
      results.put(query.getKey(), result);
    }
    return results;
  }
}
