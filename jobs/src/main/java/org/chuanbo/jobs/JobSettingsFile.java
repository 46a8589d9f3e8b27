package org.chuanbo.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import org.chuanbo.jobs.spread.SpreadSettings;

/**
 * Reads the job's one settings file: the bundled {@value #BUNDLED} (every key, documented, with
 * defaults for the local stack), then the deployment's own file over it (so it names only what
 * differs), then the environment's secrets and addresses over both. Any mistake is an {@link
 * InvalidSettingsException} whose one line names the key, the value, where it came from and what
 * would be right.
 */
public final class JobSettingsFile {

  /** The bundled defaults, a resource of the job jar; also the documentation of every key. */
  public static final String BUNDLED = "chuanbo-job.properties";

  /** The variable the local stack already reads ({@code PseudonymKey}); the manifests set it. */
  public static final String PSEUDONYM_KEY_VARIABLE = "CHUANBO_PSEUDONYM_KEY";

  public static final String CLICKHOUSE_PASSWORD_VARIABLE = "CHUANBO_CLICKHOUSE_PASSWORD";

  /**
   * Variables that replace a key of the file: the ClickHouse user is a secret, and the addresses
   * are what a Kubernetes manifest sets (deploy/k8s/flink-deployment.yaml) without a file of its
   * own.
   */
  static final Map<String, String> KEY_VARIABLES =
      Map.of(
          "CHUANBO_KAFKA_BOOTSTRAP", "kafka.bootstrap-servers",
          "CHUANBO_CLICKHOUSE_URL", "clickhouse.url",
          "CHUANBO_CLICKHOUSE_USER", "clickhouse.user");

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|min|h|d)");

  private final Map<String, String> values;
  private final Map<String, String> origins;
  private final Map<String, String> environment;

  private JobSettingsFile(
      Map<String, String> values, Map<String, String> origins, Map<String, String> environment) {
    this.values = values;
    this.origins = origins;
    this.environment = environment;
  }

  /**
   * The settings a command line names: {@code --settings FILE}, or the bundled defaults alone when
   * there is no argument.
   */
  public static JobDeployment fromArguments(String[] args, Map<String, String> environment) {
    if (args.length == 0) {
      return bundled(environment);
    }
    if (args.length == 2 && args[0].equals("--settings")) {
      return read(Path.of(args[1]), environment);
    }
    if (args.length == 1 && args[0].startsWith("--settings=")) {
      return read(Path.of(args[0].substring("--settings=".length())), environment);
    }
    throw new InvalidSettingsException(
        "unexpected arguments "
            + String.join(" ", args)
            + "; the job takes only --settings FILE (a .properties file, jobs/README.md)");
  }

  /** The bundled defaults, with the environment's overrides. */
  public static JobDeployment bundled(Map<String, String> environment) {
    return start(environment).overridden(environment).deployment();
  }

  /** The bundled defaults, {@code file} over them, and the environment's overrides over both. */
  public static JobDeployment read(Path file, Map<String, String> environment) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidSettingsException(
          "settings file "
              + file.toAbsolutePath()
              + " does not exist; pass --settings with the path of a .properties file (keys: the"
              + " bundled "
              + BUNDLED
              + ", jobs/README.md)");
    }
    Properties properties;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties = load(reader, file.toString());
    } catch (IOException e) {
      throw new InvalidSettingsException(
          "settings file " + file.toAbsolutePath() + " cannot be read: " + e.getMessage());
    }
    JobSettingsFile settings = start(environment);
    for (String key : properties.stringPropertyNames()) {
      if (!settings.values.containsKey(key)) {
        throw new InvalidSettingsException(
            file
                + ": unknown key "
                + key
                + "; the keys are those of the bundled "
                + BUNDLED
                + " (jobs/README.md, \"Running on a Flink cluster\")");
      }
      settings.values.put(key, properties.getProperty(key).strip());
      settings.origins.put(key, file.toString());
    }
    return settings.overridden(environment).deployment();
  }

  private static JobSettingsFile start(Map<String, String> environment) {
    Properties bundled;
    try (InputStream in = JobSettingsFile.class.getResourceAsStream("/" + BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED + " is missing from the job's classpath");
      }
      bundled = load(new InputStreamReader(in, StandardCharsets.UTF_8), BUNDLED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (String key : bundled.stringPropertyNames()) {
      values.put(key, bundled.getProperty(key).strip());
      origins.put(key, "the bundled " + BUNDLED);
    }
    return new JobSettingsFile(values, origins, environment);
  }

  private static Properties load(Reader reader, String source) throws IOException {
    Properties properties = new Properties();
    try {
      properties.load(reader);
    } catch (IllegalArgumentException e) {
      // A malformed \\uXXXX escape: the only thing Properties refuses.
      throw new InvalidSettingsException(source + ": " + e.getMessage());
    }
    return properties;
  }

  private JobSettingsFile overridden(Map<String, String> env) {
    KEY_VARIABLES.forEach(
        (variable, key) -> {
          String value = env.get(variable);
          if (value != null && !value.isBlank()) {
            values.put(key, value.strip());
            origins.put(key, "the environment variable " + variable);
          }
        });
    return this;
  }

  private JobDeployment deployment() {
    String password = environment.getOrDefault(CLICKHOUSE_PASSWORD_VARIABLE, "");
    String key = environment.get(PSEUDONYM_KEY_VARIABLE);
    JobSettings job =
        new JobSettings(
            duration("checkpoint.interval", false),
            duration("checkpoint.interval-during-backlog", false),
            duration("events.out-of-orderness", true),
            duration("events.idleness", false),
            duration("window.early-firing", false),
            duration("window.allowed-lateness", true),
            duration("dedupe.horizon", false),
            duration("articles.wait", true),
            key == null || key.isBlank() ? null : key.strip(),
            new SpreadSettings(
                duration("spread.emit-interval", false),
                duration("spread.share-parent-wait", true),
                number("spread.max-pending-shares", 1, Long.MAX_VALUE),
                number("spread.exact-reach-limit", 1, Long.MAX_VALUE),
                (int) number("spread.exact-virality-limit", 1, Integer.MAX_VALUE)));
    return new JobDeployment(
        text("kafka.bootstrap-servers"),
        text("kafka.group-id"),
        new ClickHouseEndpoint(httpUrl("clickhouse.url"), text("clickhouse.user"), password),
        stateBackend("state.backend"),
        bool("state.incremental"),
        new JobDeployment.StateChangelog(
            bool("state.changelog"), duration("state.changelog.materialize-interval", false)),
        checkpointUri("checkpoint.directory"),
        (int) number("checkpoint.retained", 1, 1000),
        // Flink's own bound on key groups.
        (int) number("parallelism.max", 1, 32768),
        job);
  }

  private String text(String key) {
    String value = values.get(key);
    if (value.isEmpty()) {
      throw bad(key, "is empty; give it a value");
    }
    return value;
  }

  private Duration duration(String key, boolean zeroAllowed) {
    String value = text(key);
    Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw bad(
          key, "is not a duration; write a whole number and a unit: 500ms, 30s, 5min, 1h, 7d");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration duration =
        switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "min" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (duration.isZero() && !zeroAllowed) {
      throw bad(key, "must be longer than zero");
    }
    return duration;
  }

  private long number(String key, long min, long max) {
    String value = text(key).replace("_", "");
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw bad(key, "is not a whole number; write digits only, e.g. " + Math.max(min, 100));
    }
    if (number < min || number > max) {
      throw bad(key, "is out of range; it must be between " + min + " and " + max);
    }
    return number;
  }

  private boolean bool(String key) {
    return switch (text(key).toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(key, "is neither true nor false");
    };
  }

  private JobDeployment.StateBackend stateBackend(String key) {
    String value = text(key).toLowerCase(Locale.ROOT);
    for (JobDeployment.StateBackend backend : JobDeployment.StateBackend.values()) {
      if (backend.flinkName().equals(value)) {
        return backend;
      }
    }
    throw bad(key, "is not a state backend; write rocksdb or hashmap");
  }

  private String httpUrl(String key) {
    String value = text(key);
    if (!value.matches("https?://[^/\\s]+(/\\S*)?")) {
      throw bad(key, "is not an HTTP URL; write the HTTP interface, e.g. http://127.0.0.1:8123");
    }
    return value;
  }

  private String checkpointUri(String key) {
    String value = text(key);
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || uri.getScheme() == null
        || uri.getPath() == null
        || uri.getPath().isEmpty()) {
      throw bad(
          key,
          "is not a URI with a scheme and a path; write e.g. file:///var/lib/chuanbo/checkpoints"
              + " or s3://bucket/chuanbo/checkpoints");
    }
    return value;
  }

  private InvalidSettingsException bad(String key, String problem) {
    return new InvalidSettingsException(
        key + "=" + values.get(key) + " (from " + origins.get(key) + ") " + problem);
  }
}
