package org.chuanbo.cli;

import java.nio.file.Path;

/** The checkout the launcher runs from ({@code ./chuanbo} passes it); state lives under it. */
final class ProjectRoot {

  private ProjectRoot() {}

  static Path path() {
    return Path.of(System.getProperty("chuanbo.root", ".")).toAbsolutePath().normalize();
  }
}
