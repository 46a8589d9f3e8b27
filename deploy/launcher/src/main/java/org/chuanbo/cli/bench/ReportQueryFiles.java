package org.chuanbo.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every query of {@code dashboards/queries/}, by name, as the dashboards module ships them (its
 * {@code queries/} resources, whether a directory of classes or a jar): the bench times exactly
 * what the reports and dashboards run, and a query added there is timed without a change here. The
 * same for the Superset charts' generated queries, {@code dashboards/superset/chart-queries/}.
 */
public final class ReportQueryFiles {

  private ReportQueryFiles() {}

  /** The report queries, {@code dashboards/queries/*.sql}. */
  public static Map<String, String> all() {
    return folder("queries", "top_articles.sql", "the report queries");
  }

  /**
   * The SQL Superset generates for each chart, {@code dashboards/superset/chart-queries/*.sql}, by
   * chart name; {@code DashboardsCommandITCase} keeps the files equal to what Superset generates.
   */
  public static Map<String, String> chartQueries() {
    return folder(
        "superset/chart-queries", "leaders_today_views.sql", "the Superset charts' queries");
  }

  /**
   * Every {@code .sql} file of a classpath folder, found through a file every build has in it (the
   * anchor).
   */
  private static Map<String, String> folder(String folder, String anchorFile, String what) {
    String anchorPath = folder + "/" + anchorFile;
    URL anchor = ReportQueryFiles.class.getClassLoader().getResource(anchorPath);
    if (anchor == null) {
      throw new IllegalStateException(what + " are not on the classpath (" + anchorPath + ")");
    }
    try {
      URI uri = anchor.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(jar.getPath("/" + folder));
        }
      }
      return read(Path.of(uri).getParent());
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list " + what + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> read(Path folder) throws IOException {
    Map<String, String> queries = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
        String name = file.getFileName().toString();
        queries.put(
            name.substring(0, name.length() - ".sql".length()),
            Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return queries;
  }
}
