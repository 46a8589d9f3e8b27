package org.chuanbo.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.junit.jupiter.api.Test;

/** The build-time gate: an incompatible new version in avro/ fails {@code mvn verify} here. */
class SchemaCompatibilityCheckTest {

  @Test
  void shouldFindEveryReleasedVersionCompatibleBothWays() {
    List<SchemaCompatibilityCheck.Problem> problems =
        SchemaCompatibilityCheck.check(SchemaCatalog.released());

    assertThat(problems).as("incompatible schema versions in schemas/avro/").isEmpty();
  }

  @Test
  void shouldAcceptOptionalFieldAndEnumSymbolAdded() {
    SchemaCatalog catalog = SchemaCatalog.fromClasspath("avro/", "evolution/compatible/");

    assertThat(SchemaCompatibilityCheck.check(catalog)).isEmpty();
  }

  @Test
  void shouldReportRequiredFieldAddedWithoutDefault() {
    SchemaCatalog catalog = SchemaCatalog.fromClasspath("avro/", "evolution/incompatible/");

    List<SchemaCompatibilityCheck.Problem> problems = SchemaCompatibilityCheck.check(catalog);

    // v2 cannot read v1 data (no value for campaign_id); v1 reading v2 data just ignores it.
    assertThat(problems).hasSize(1);
    SchemaCompatibilityCheck.Problem problem = problems.get(0);
    assertThat(problem.fullName()).isEqualTo(DisseminationEvent.AVRO_NAME);
    assertThat(problem.readerVersion()).isEqualTo(2);
    assertThat(problem.writerVersion()).isEqualTo(1);
    assertThat(problem.detail())
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("campaign_id");
    assertThat(problem.toString()).contains("v2 cannot read data written by v1");
  }

  @Test
  void shouldCheckOlderReadersAgainstNewerWriters() {
    SchemaCatalog incompatible = SchemaCatalog.fromClasspath("avro/", "evolution/incompatible/");
    List<SchemaVersion> v1v2 = incompatible.versions(DisseminationEvent.AVRO_NAME);
    // Swapping the roles makes the newer file the writer of the older: the check runs both
    // directions, so the problem is found whichever way round the versions are listed.
    List<SchemaVersion> reversed = List.of(v1v2.get(1), v1v2.get(0));

    assertThat(SchemaCompatibilityCheck.check(reversed))
        .extracting(SchemaCompatibilityCheck.Problem::readerVersion)
        .containsExactly(2);
  }
}
