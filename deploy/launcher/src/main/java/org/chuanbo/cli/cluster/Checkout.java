package org.chuanbo.cli.cluster;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout the launcher was built in, found from where its classes are ({@code
 * deploy/launcher/target/classes}), and the build outputs a cluster needs from it: Flink's jars and
 * the job jar. Not the project root of {@code .chuanbo/} state, which tests move elsewhere.
 */
public final class Checkout {

  private static final String FLINK_LIB = "deploy/flink-cluster/target/lib";

  private Checkout() {}

  public static Path root() {
    try {
      Path classes =
          Path.of(Checkout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // classes → target → launcher → deploy → the checkout
      return classes.getParent().getParent().getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where the launcher's classes are", e);
    }
  }

  /** The Flink jars of {@code deploy/flink-cluster}: a distribution's {@code lib/}. */
  public static Path flinkLib() {
    return require(
        root().resolve(FLINK_LIB),
        "the Flink cluster's jars are not built; run 'mvn -B -DskipTests package' in " + root());
  }

  /** How the cluster's processes log (one rolling file each, named per process). */
  public static Path clusterLogConfig() {
    return require(
        root().resolve("deploy/flink-cluster/conf/log4j.properties"),
        "deploy/flink-cluster/conf/log4j.properties is missing from " + root());
  }

  /** The shaded job jar the jobs module builds, with Flink itself left out. */
  public static Path jobJar() {
    Path target = root().resolve("jobs/target");
    try (var files = Files.list(target)) {
      return files
          .filter(file -> file.getFileName().toString().matches("chuanbo-jobs-.*-job\\.jar"))
          .findFirst()
          .orElseThrow();
    } catch (Exception e) {
      throw new IllegalStateException(
          "the job jar is not built (jobs/target/chuanbo-jobs-*-job.jar); run 'mvn -B"
              + " -DskipTests package' in "
              + root());
    }
  }

  private static Path require(Path path, String whenMissing) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(whenMissing);
    }
    return path;
  }
}
