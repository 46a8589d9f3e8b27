package org.chuanbo.cli.superset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Superset files the dashboards module ships ({@code dashboards/superset/}), read from the
 * classpath: unpacked for the install script and the configuration, zipped for the import bundle.
 */
final class SupersetFiles {

  private static final String FOLDER = "superset/";

  /** The assets of the import bundle, in Superset's ImportV1 layout. */
  static final List<String> BUNDLE = List.of("metadata.yaml", "databases/chuanbo.yaml");

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

  /**
   * The import bundle as a ZIP, the database's URI pointing at {@code host:port}. Superset wants
   * every file under one top-level folder.
   */
  static byte[] bundle(String clickHouseHostPort) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String name : BUNDLE) {
        String text = new String(read(name), java.nio.charset.StandardCharsets.UTF_8);
        if (name.startsWith("databases/")) {
          text = text.replace("@127.0.0.1:8123/", "@" + clickHouseHostPort + "/");
        }
        zip.putNextEntry(new ZipEntry("chuanbo/" + name));
        zip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] read(String name) {
    try (InputStream in = open("assets/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
