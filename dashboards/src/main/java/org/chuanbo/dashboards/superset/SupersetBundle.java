package org.chuanbo.dashboards.superset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The import bundle: a ZIP in Superset's ImportV1 layout, every file under one top-level folder,
 * the database's URI pointing at the given ClickHouse. Superset imports a bundle through the
 * endpoint of its {@link Kind}; each takes the files of its kind and of what they depend on.
 */
public final class SupersetBundle {

  /** What a bundle holds and which import endpoint takes it. */
  public enum Kind {
    DATABASE("Database", "/api/v1/database/import/", "databases/"),
    DATASETS("SqlaTable", "/api/v1/dataset/import/", "databases/", "datasets/"),
    CHARTS("Slice", "/api/v1/chart/import/", "databases/", "datasets/", "charts/"),
    DASHBOARDS(
        "Dashboard",
        "/api/v1/dashboard/import/",
        "databases/",
        "datasets/",
        "charts/",
        "dashboards/");

    private final String metadataType;
    private final String importPath;
    private final String[] folders;

    Kind(String metadataType, String importPath, String... folders) {
      this.metadataType = metadataType;
      this.importPath = importPath;
      this.folders = folders;
    }

    public String importPath() {
      return importPath;
    }

    boolean holds(String file) {
      for (String folder : folders) {
        if (file.startsWith(folder)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The file of the database, whose password is supplied at import, never stored in the bundle. */
  public static final String DATABASE_FILE = "databases/chuanbo.yaml";

  /** Who and where the committed database file reads; a bundle puts the real ones instead. */
  private static final String LOCAL_CLICKHOUSE = "://default@127.0.0.1:8123/";

  private SupersetBundle() {}

  /**
   * Superset's stand-in for a password in an exported URI. The import keeps the password it is
   * given only where the URI holds this mask: a URI without one sets the password to none.
   */
  static final String PASSWORD_MASK = "XXXXXXXXXX";

  /**
   * Every file of a bundle of {@code kind}, the database read as {@code clickHouseUser} at {@code
   * clickHouseHostPort}.
   *
   * @param withPassword whether the import supplies a password for the user
   */
  public static Map<String, String> files(
      Kind kind, String clickHouseUser, boolean withPassword, String clickHouseHostPort) {
    Map<String, String> files = new TreeMap<>();
    files.put(
        "metadata.yaml",
        "version: "
            + SupersetAssets.VERSION
            + "\ntype: "
            + kind.metadataType
            + "\ntimestamp: '2026-11-28T00:00:00+00:00'\n");
    String database = SupersetDataset.read("superset/assets/" + DATABASE_FILE) + "\n";
    String user =
        URLEncoder.encode(clickHouseUser, StandardCharsets.UTF_8)
            + (withPassword ? ":" + PASSWORD_MASK : "");
    files.put(
        DATABASE_FILE,
        database.replace(LOCAL_CLICKHOUSE, "://" + user + "@" + clickHouseHostPort + "/"));
    SupersetAssets.files()
        .forEach(
            (file, text) -> {
              if (kind.holds(file)) {
                files.put(file, text);
              }
            });
    return files;
  }

  /** The bundle as Superset's import endpoints and its UI take it. */
  public static byte[] zip(
      Kind kind, String clickHouseUser, boolean withPassword, String clickHouseHostPort) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> file :
          files(kind, clickHouseUser, withPassword, clickHouseHostPort).entrySet()) {
        zip.putNextEntry(new ZipEntry("chuanbo/" + file.getKey()));
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
