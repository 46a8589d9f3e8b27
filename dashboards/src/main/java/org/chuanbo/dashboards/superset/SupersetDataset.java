package org.chuanbo.dashboards.superset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A virtual dataset of the dashboards: its SQL (a file of {@code dashboards/superset/datasets/}, or
 * a report query of {@code dashboards/queries/} with its parameters bound to SQL expressions), the
 * columns charts may use — the query's own names, Chinese in the label — and its saved metrics.
 */
public record SupersetDataset(
    String name, String description, String sql, List<Column> columns, List<Metric> metrics) {

  /** A column: ClickHouse type as the query returns it, Chinese label, and whether it is a time. */
  public record Column(String name, String type, String label) {
    boolean isTime() {
      return type.startsWith("Date");
    }
  }

  /** A saved metric: a SQL aggregate over the dataset's columns, its Chinese label and format. */
  public record Metric(String name, String expression, String label, String format) {}

  private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+):[^}]+}");

  public UUID uuid() {
    return SupersetIds.uuid("dataset", name);
  }

  /** Whether row-level security by office applies: the dataset has the office code column. */
  public boolean hasOffice() {
    return columns.stream().anyMatch(column -> column.name().equals("office"));
  }

  public boolean hasColumn(String column) {
    return columns.stream().anyMatch(c -> c.name().equals(column));
  }

  public boolean hasMetric(String metric) {
    return metrics.stream().anyMatch(m -> m.name().equals(metric));
  }

  /** Builds a dataset step by step; see {@link ChuanboDashboards}. */
  public static Builder from(String name, String description) {
    return new Builder(name, description);
  }

  public static final class Builder {
    private final String name;
    private final String description;
    private String sql;
    private final List<Column> columns = new ArrayList<>();
    private final List<Metric> metrics = new ArrayList<>();

    private Builder(String name, String description) {
      this.name = name;
      this.description = description;
    }

    /** The SQL of {@code dashboards/superset/datasets/<name>.sql}. */
    public Builder datasetSql() {
      this.sql = read("superset/datasets/" + name + ".sql");
      return this;
    }

    /** A report query of {@code dashboards/queries/} with each parameter bound to SQL. */
    public Builder reportQuery(String file, Map<String, String> bindings) {
      String text = read("queries/" + file);
      Matcher parameter = PARAMETER.matcher(text);
      StringBuilder bound = new StringBuilder();
      while (parameter.find()) {
        String binding = bindings.get(parameter.group(1));
        if (binding == null) {
          throw new IllegalArgumentException(
              file + ": no binding for {" + parameter.group(1) + "}");
        }
        parameter.appendReplacement(bound, Matcher.quoteReplacement(binding));
      }
      parameter.appendTail(bound);
      this.sql = bound.toString();
      return this;
    }

    public Builder column(String column, String type, String label) {
      columns.add(new Column(column, type, label));
      return this;
    }

    /**
     * A saved metric. Its name must not be a column's: Superset aliases the metric by its name, and
     * ClickHouse would then read the column inside another metric as that alias, an aggregate
     * inside an aggregate.
     */
    public Builder metric(String metric, String expression, String label, String format) {
      if (columns.stream().anyMatch(column -> column.name().equals(metric))) {
        throw new IllegalArgumentException(name + ": metric " + metric + " is named like a column");
      }
      metrics.add(new Metric(metric, expression, label, format));
      return this;
    }

    public SupersetDataset build() {
      return new SupersetDataset(
          name, description, sql, List.copyOf(columns), List.copyOf(metrics));
    }
  }

  static String read(String resource) {
    try (InputStream in = SupersetDataset.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
