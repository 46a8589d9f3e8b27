package org.chuanbo.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.SchemaNormalization;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.PlatformCount;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {

  /**
   * Fingerprints of every released version. A released file must never change what it means on the
   * wire (producers out there write it), so editing one fails here; a new version adds a line.
   */
  private static final Map<String, String> RELEASED_FINGERPRINTS =
      Map.of(
          "avro/DisseminationEvent.v1.avsc", "0fab1eee000025c8",
          "avro/Article.v1.avsc", "e6dad9adac0a4887",
          "avro/PlatformCount.v1.avsc", "a77c9fd6f0f0f2b9");

  @Test
  void shouldLoadEveryReleasedVersion() {
    SchemaCatalog catalog = SchemaCatalog.released();

    assertThat(catalog.recordNames())
        .containsExactlyInAnyOrder(
            DisseminationEvent.AVRO_NAME, Article.AVRO_NAME, PlatformCount.AVRO_NAME);
    assertThat(catalog.current(DisseminationEvent.AVRO_NAME).version()).isEqualTo(1);
    assertThat(catalog.current(Article.AVRO_NAME).version()).isEqualTo(1);
    assertThat(catalog.current(PlatformCount.AVRO_NAME).version()).isEqualTo(1);
  }

  @Test
  void shouldNeverChangeReleasedSchemas() {
    Map<String, String> actual = new TreeMap<>();
    SchemaCatalog catalog = SchemaCatalog.released();
    catalog.recordNames().stream()
        .flatMap(name -> catalog.versions(name).stream())
        .forEach(v -> actual.put(v.resource(), v.fingerprintHex()));

    assertThat(actual).isEqualTo(new TreeMap<>(RELEASED_FINGERPRINTS));
  }

  @Test
  void shouldFindEachVersionByItsFingerprint() {
    SchemaCatalog catalog = SchemaCatalog.fromClasspath("avro/", "evolution/compatible/");

    for (SchemaVersion version : catalog.versions(DisseminationEvent.AVRO_NAME)) {
      assertThat(version.fingerprint())
          .isEqualTo(SchemaNormalization.parsingFingerprint64(version.schema()));
      assertThat(catalog.byFingerprint(version.fingerprint())).contains(version);
    }
    assertThat(catalog.byFingerprint(42L)).isEmpty();
  }

  @Test
  void shouldTakeHighestVersionAsCurrent() {
    SchemaCatalog catalog = SchemaCatalog.fromClasspath("avro/", "evolution/compatible/");

    assertThat(catalog.versions(DisseminationEvent.AVRO_NAME))
        .extracting(SchemaVersion::version)
        .containsExactly(1, 2);
    assertThat(catalog.current(DisseminationEvent.AVRO_NAME).schema().getField("referrer"))
        .isNotNull();
    assertThat(catalog.current(Article.AVRO_NAME).version()).isEqualTo(1);
  }

  @Test
  void shouldListEveryAvscFileOfTheFolderInTheIndex() throws IOException {
    // Surefire runs in the module folder, where the released schemas live in avro/.
    try (Stream<Path> files = Files.list(Path.of("avro"))) {
      var onDisk =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".avsc"))
              .collect(Collectors.toSet());
      var indexed =
          Files.readAllLines(Path.of("avro", "index.txt"), StandardCharsets.UTF_8).stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .collect(Collectors.toSet());
      assertThat(indexed).isEqualTo(onDisk);
    }
  }

  @Test
  void shouldShipTheSchemasInTheJarUnderAvro() throws IOException {
    try (InputStream in =
        SchemaCatalog.class.getClassLoader().getResourceAsStream("avro/index.txt")) {
      assertThat(in).isNotNull();
    }
  }

  @Test
  void shouldRefuseTwoFilesForOneVersion() {
    assertThatThrownBy(() -> SchemaCatalog.fromClasspath("avro/", "evolution/duplicate/"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two files for org.chuanbo.avro.DisseminationEvent v1");
  }

  @Test
  void shouldFailFastOnMissingIndex() {
    assertThatThrownBy(() -> SchemaCatalog.fromClasspath("no-such-folder/"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-folder/index.txt");
  }

  @Test
  void shouldRefuseUnknownRecordName() {
    assertThatThrownBy(() -> SchemaCatalog.released().current("org.chuanbo.avro.Nothing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("known:");
  }
}
