package org.chuanbo.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code dashboards/queries/di_recompute.sql}, as the dashboards run it. */
public final class DisseminationIndexSql {

  public static final String RECOMPUTE = load("di_recompute");

  private DisseminationIndexSql() {}

  private static String load(String name) {
    try (InputStream in =
        DisseminationIndexSql.class
            .getClassLoader()
            .getResourceAsStream("queries/" + name + ".sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
