package org.chuanbo.schemas.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every released schema version, loaded from the classpath: the current (highest) version of each
 * record is what readers read into and writers write with; every version is a possible writer,
 * found by the fingerprint at the head of each single-object-encoded message.
 *
 * <p>A classpath folder cannot be listed from inside a jar, so each folder carries an {@code
 * index.txt} naming its files. Loading problems are build mistakes and fail fast with {@link
 * IllegalStateException}.
 */
public final class SchemaCatalog {

  /** The folder of the released schemas, inside the jar (from {@code schemas/avro/}). */
  public static final String RELEASED_FOLDER = "avro/";

  private static final Pattern FILE_NAME =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\.v(\\d+)\\.avsc");

  private final Map<String, List<SchemaVersion>> versionsByName;
  private final Map<Long, SchemaVersion> byFingerprint;

  private SchemaCatalog(Map<String, List<SchemaVersion>> versionsByName) {
    this.versionsByName = versionsByName;
    Map<Long, SchemaVersion> fingerprints = new HashMap<>();
    // Oldest first, so that a version differing only in docs or defaults (same canonical form,
    // hence the same fingerprint) resolves to the newest file; both read the bytes alike.
    versionsByName
        .values()
        .forEach(list -> list.forEach(v -> fingerprints.put(v.fingerprint(), v)));
    this.byFingerprint = Map.copyOf(fingerprints);
  }

  /** The released schemas, {@code avro/index.txt} on this class's classpath. */
  public static SchemaCatalog released() {
    return fromClasspath(RELEASED_FOLDER);
  }

  /**
   * The schemas listed in {@code <folder>/index.txt} of each folder, in order; tests add a folder
   * of hypothetical future versions to the released one this way.
   */
  public static SchemaCatalog fromClasspath(String... folders) {
    ClassLoader loader = SchemaCatalog.class.getClassLoader();
    Map<String, Map<Integer, SchemaVersion>> found = new TreeMap<>();
    for (String folder : folders) {
      String prefix = folder.endsWith("/") ? folder : folder + "/";
      for (String file : readIndex(loader, prefix)) {
        SchemaVersion version = load(loader, prefix, file);
        SchemaVersion clash =
            found
                .computeIfAbsent(version.fullName(), n -> new TreeMap<>())
                .putIfAbsent(version.version(), version);
        if (clash != null) {
          throw new IllegalStateException(
              "two files for "
                  + version.fullName()
                  + " v"
                  + version.version()
                  + ": "
                  + clash.resource()
                  + " and "
                  + version.resource());
        }
      }
    }
    if (found.isEmpty()) {
      throw new IllegalStateException("no schemas listed in " + List.of(folders));
    }
    Map<String, List<SchemaVersion>> byName = new TreeMap<>();
    found.forEach((name, versions) -> byName.put(name, List.copyOf(versions.values())));
    return new SchemaCatalog(Map.copyOf(byName));
  }

  /** Full names of the records the catalog knows. */
  public Set<String> recordNames() {
    return versionsByName.keySet();
  }

  /** Every version of a record, oldest first. */
  public List<SchemaVersion> versions(String fullName) {
    List<SchemaVersion> versions = versionsByName.get(fullName);
    if (versions == null) {
      throw new IllegalArgumentException(
          "no schema named " + fullName + "; known: " + versionsByName.keySet());
    }
    return versions;
  }

  /** The highest version of a record: what readers read into and writers write with. */
  public SchemaVersion current(String fullName) {
    List<SchemaVersion> versions = versions(fullName);
    return versions.get(versions.size() - 1);
  }

  /** The writer schema a message's fingerprint names, if any version has it. */
  public Optional<SchemaVersion> byFingerprint(long fingerprint) {
    return Optional.ofNullable(byFingerprint.get(fingerprint));
  }

  private static List<String> readIndex(ClassLoader loader, String prefix) {
    String index = prefix + "index.txt";
    List<String> files = new ArrayList<>();
    try (InputStream in = open(loader, index);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String file = line.strip();
        if (!file.isEmpty() && !file.startsWith("#")) {
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + index, e);
    }
    return files;
  }

  private static SchemaVersion load(ClassLoader loader, String prefix, String file) {
    Matcher name = FILE_NAME.matcher(file);
    if (!name.matches()) {
      throw new IllegalStateException(
          prefix + "index.txt lists '" + file + "': expected <Record>.v<N>.avsc");
    }
    String resource = prefix + file;
    Schema schema;
    try (InputStream in = open(loader, resource)) {
      // A fresh parser per file: every version defines the same names again.
      schema = new Schema.Parser().parse(in);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot parse " + resource + ": " + e.getMessage(), e);
    }
    if (schema.getType() != Schema.Type.RECORD || !schema.getName().equals(name.group(1))) {
      throw new IllegalStateException(
          resource
              + " must define the record "
              + name.group(1)
              + ", defines "
              + schema.getFullName());
    }
    return new SchemaVersion(
        schema.getFullName(),
        Integer.parseInt(name.group(2)),
        schema,
        SchemaNormalization.parsingFingerprint64(schema),
        resource);
  }

  private static InputStream open(ClassLoader loader, String resource) throws IOException {
    InputStream in = loader.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("not on the classpath: " + resource);
    }
    return in;
  }
}
