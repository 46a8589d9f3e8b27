package org.chuanbo.jobs.spread;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.chuanbo.jobs.records.DisseminationScore;

/**
 * The dissemination index (传播力指数, DOMAIN.md "Dissemination index"), one released version of its
 * weights and caps from {@code schemas/dissemination-index/v<N>.properties}:
 *
 * <pre>DI = round(1000 × Σ_k weight_k × min(1, ln(1 + x_k) / ln(1 + cap_k)), 1)</pre>
 *
 * summed in the order of {@link Component}, which {@code dashboards/queries/di_recompute.sql}
 * repeats, so that the SQL recomputation from the stored components gives the stored value to the
 * last digit. The points of each component are kept too, so a reader sees where a score comes from.
 */
public final class DisseminationIndex implements Serializable {

  /** The components, in the order they are summed (and listed in every config file). */
  public enum Component {
    REACH,
    VIEWS,
    ENGAGEMENTS,
    SHARES,
    REPOSTS,
    DEPTH,
    CHANNELS;

    /** The name in the config file and in {@code chuanbo.di_config}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Where the released versions are, inside the jar (from {@code schemas/dissemination-index/}).
   */
  static final String FOLDER = "dissemination-index/";

  private final int version;
  private final double[] weights;
  private final double[] caps;

  DisseminationIndex(int version, double[] weights, double[] caps) {
    this.version = version;
    this.weights = weights.clone();
    this.caps = caps.clone();
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      if (!(weights[k] >= 0) || !(caps[k] > 0) || Double.isInfinite(caps[k])) {
        throw new IllegalArgumentException(
            "DI v"
                + version
                + ": "
                + Component.values()[k].key()
                + " needs weight >= 0 and cap > 0");
      }
      sum += weights[k];
    }
    if (Math.abs(sum - 1.0) > 1e-9) {
      throw new IllegalArgumentException("DI v" + version + ": weights sum to " + sum + ", not 1");
    }
  }

  /** Every released version, oldest first. */
  public static List<DisseminationIndex> released() {
    List<DisseminationIndex> versions = new ArrayList<>();
    for (String file : resource(FOLDER + "index.txt").lines().map(String::strip).toList()) {
      if (!file.isEmpty() && !file.startsWith("#")) {
        versions.add(parse(file, resource(FOLDER + file)));
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalStateException("no DI version listed in " + FOLDER + "index.txt");
    }
    return versions;
  }

  /** The newest released version: what the job scores with. */
  public static DisseminationIndex current() {
    List<DisseminationIndex> versions = released();
    return versions.get(versions.size() - 1);
  }

  static DisseminationIndex parse(String name, String text) {
    Properties properties = new Properties();
    try {
      properties.load(new java.io.StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String expectedOrder =
        String.join(",", Arrays.stream(Component.values()).map(Component::key).toList());
    if (!expectedOrder.equals(properties.getProperty("components"))) {
      throw new IllegalStateException(name + ": components must be " + expectedOrder);
    }
    double[] weights = new double[Component.values().length];
    double[] caps = new double[weights.length];
    for (Component component : Component.values()) {
      weights[component.ordinal()] = number(name, properties, component.key() + ".weight");
      caps[component.ordinal()] = number(name, properties, component.key() + ".cap");
    }
    return new DisseminationIndex((int) number(name, properties, "version"), weights, caps);
  }

  private static double number(String name, Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalStateException(name + " has no " + key);
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(name + ": " + key + " is not a number: " + value);
    }
  }

  public int version() {
    return version;
  }

  public double weight(Component component) {
    return weights[component.ordinal()];
  }

  public double cap(Component component) {
    return caps[component.ordinal()];
  }

  /** Scores one article from its component values (x_k), in {@link Component} order. */
  public DisseminationScore score(
      long reach,
      long views,
      long engagements,
      long shares,
      long reposts,
      long depth,
      long channels) {
    double[] x = {reach, views, engagements, shares, reposts, depth, channels};
    double[] points = new double[x.length];
    double sum = 0;
    for (int k = 0; k < x.length; k++) {
      points[k] = 1000 * weights[k] * Math.min(1.0, Math.log1p(x[k]) / Math.log1p(caps[k]));
      sum += points[k];
    }
    // Half-even to one decimal, as ClickHouse's round(x, 1) does for Float64.
    double di = Math.rint(sum * 10) / 10;
    return new DisseminationScore(
        di, points[0], points[1], points[2], points[3], points[4], points[5], points[6], version);
  }

  private static String resource(String path) {
    try (InputStream in = DisseminationIndex.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource "
                + path
                + " (schemas/dissemination-index is packaged with the jobs)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
