package org.chuanbo.cli.superset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The Superset files the dashboards module ships ({@code dashboards/superset/}), read from the
 * classpath and unpacked: the install script, the lock and the configuration.
 */
final class SupersetFiles {

  private static final String FOLDER = "superset/";

  private SupersetFiles() {}

  /** Unpacks the install script (executable), the lock and the configuration into {@code dir}. */
  static void unpack(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String name : List.of("install-superset", "requirements.lock", "superset_config.py")) {
      Path target = dir.resolve(name);
      try (InputStream in = open(name)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.setPosixFilePermissions(
        dir.resolve("install-superset"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = SupersetFiles.class.getClassLoader().getResourceAsStream(FOLDER + name);
    if (in == null) {
      throw new IOException(
          "missing " + FOLDER + name + " on the classpath (the dashboards module)");
    }
    return in;
  }
}
