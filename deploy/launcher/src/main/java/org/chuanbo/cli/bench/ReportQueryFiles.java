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
 * what the reports and dashboards run, and a query added there is timed without a change here.
 */
public final class ReportQueryFiles {

  /** A file every build has, to find where the folder is. */
  private static final String ANCHOR = "queries/top_articles.sql";

  private ReportQueryFiles() {}

  public static Map<String, String> all() {
    URL anchor = ReportQueryFiles.class.getClassLoader().getResource(ANCHOR);
    if (anchor == null) {
      throw new IllegalStateException(
          "the report queries are not on the classpath (" + ANCHOR + ")");
    }
    try {
      URI uri = anchor.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(jar.getPath("/queries"));
        }
      }
      return read(Path.of(uri).getParent());
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list the report queries: " + e.getMessage(), e);
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
