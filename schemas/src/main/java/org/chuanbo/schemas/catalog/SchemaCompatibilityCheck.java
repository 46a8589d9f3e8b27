package org.chuanbo.schemas.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;

/**
 * Full transitive compatibility between the versions of each record: every version reads what every
 * older one wrote (new job, old producers) and every older version reads what every newer one wrote
 * (old job still running, new producers). Both directions, because the contract lets old and new
 * producers and consumers run side by side.
 *
 * <p>A unit test runs this over the released catalog, so an incompatible new version fails {@code
 * mvn verify}.
 */
public final class SchemaCompatibilityCheck {

  /** One reader/writer pair that cannot be resolved, with Avro's explanation. */
  public record Problem(String fullName, int readerVersion, int writerVersion, String detail) {
    @Override
    public String toString() {
      return fullName
          + ": v"
          + readerVersion
          + " cannot read data written by v"
          + writerVersion
          + ": "
          + detail;
    }
  }

  private SchemaCompatibilityCheck() {}

  /** Problems of every record in the catalog; empty when all versions are compatible. */
  public static List<Problem> check(SchemaCatalog catalog) {
    List<Problem> problems = new ArrayList<>();
    for (String name : catalog.recordNames()) {
      problems.addAll(check(catalog.versions(name)));
    }
    return problems;
  }

  /** Problems between the versions of one record, given oldest first. */
  public static List<Problem> check(List<SchemaVersion> versions) {
    List<Problem> problems = new ArrayList<>();
    for (int older = 0; older < versions.size(); older++) {
      for (int newer = older + 1; newer < versions.size(); newer++) {
        readProblem(versions.get(newer), versions.get(older)).ifPresent(problems::add);
        readProblem(versions.get(older), versions.get(newer)).ifPresent(problems::add);
      }
    }
    return problems;
  }

  /** Why {@code reader} cannot read data written with {@code writer}; empty if it can. */
  public static Optional<Problem> readProblem(SchemaVersion reader, SchemaVersion writer) {
    if (!reader.fullName().equals(writer.fullName())) {
      return Optional.of(
          new Problem(
              reader.fullName(),
              reader.version(),
              writer.version(),
              "different record names: " + writer.fullName()));
    }
    SchemaCompatibilityResult result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader.schema(), writer.schema())
            .getResult();
    if (result.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return Optional.empty();
    }
    return Optional.of(
        new Problem(reader.fullName(), reader.version(), writer.version(), describe(result)));
  }

  private static String describe(SchemaCompatibilityResult result) {
    return result.getIncompatibilities().stream()
        .map(SchemaCompatibilityCheck::describe)
        .collect(Collectors.joining("; "));
  }

  private static String describe(Incompatibility incompatibility) {
    return incompatibility.getType()
        + " at "
        + incompatibility.getLocation()
        + " ("
        + incompatibility.getMessage()
        + ")";
  }
}
