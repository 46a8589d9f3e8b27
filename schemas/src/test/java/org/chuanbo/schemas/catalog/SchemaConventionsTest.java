package org.chuanbo.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.records.Terminal;
import org.junit.jupiter.api.Test;

/** Conventions of schemas/avro/ that review tends to miss, checked for every version. */
class SchemaConventionsTest {

  private final SchemaCatalog catalog = SchemaCatalog.released();

  @Test
  void shouldDocumentEveryField() {
    List<String> undocumented = new ArrayList<>();
    forEachField(
        (version, field) -> {
          if (field.doc() == null || field.doc().isBlank()) {
            undocumented.add(version.resource() + ": " + field.name());
          }
        });

    assertThat(undocumented).isEmpty();
  }

  @Test
  void shouldGiveEveryEnumADefaultSoNewerWritersCanAddSymbols() {
    List<String> withoutDefault = new ArrayList<>();
    forEachField(
        (version, field) -> {
          Schema type = field.schema();
          if (type.getType() == Schema.Type.ENUM && type.getEnumDefault() == null) {
            withoutDefault.add(version.resource() + ": " + type.getFullName());
          }
        });

    assertThat(withoutDefault).isEmpty();
  }

  @Test
  void shouldMakeOptionalFieldsNullFirstWithNullDefault() {
    List<String> wrong = new ArrayList<>();
    forEachField(
        (version, field) -> {
          Schema type = field.schema();
          if (type.getType() == Schema.Type.UNION) {
            boolean nullFirst = type.getTypes().get(0).getType() == Schema.Type.NULL;
            if (!nullFirst || field.defaultVal() != JsonProperties.NULL_VALUE) {
              wrong.add(version.resource() + ": " + field.name());
            }
          }
        });

    assertThat(wrong).isEmpty();
  }

  @Test
  void shouldUseTheProjectNamespace() {
    for (String name : catalog.recordNames()) {
      assertThat(name).startsWith("org.chuanbo.avro.");
    }
  }

  @Test
  void shouldKeepJavaEnumsInStepWithTheCurrentSchemas() {
    Map<String, Class<? extends Enum<?>>> javaEnums =
        Map.of(
            "event_type", EventType.class,
            "channel", Channel.class,
            "terminal", Terminal.class);
    Schema event = catalog.current(DisseminationEvent.AVRO_NAME).schema();
    javaEnums.forEach(
        (field, type) ->
            assertThat(event.getField(field).schema().getEnumSymbols())
                .as(field)
                .containsExactlyElementsOf(names(type)));
    assertThat(
            catalog
                .current(Article.AVRO_NAME)
                .schema()
                .getField("content_type")
                .schema()
                .getEnumSymbols())
        .containsExactlyElementsOf(names(ContentType.class));
    assertThat(
            catalog
                .current(PlatformCount.AVRO_NAME)
                .schema()
                .getField("channel")
                .schema()
                .getEnumSymbols())
        .as("PlatformCount channel")
        .containsExactlyElementsOf(names(Channel.class));
  }

  private static List<String> names(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }

  private void forEachField(FieldVisitor visitor) {
    for (String name : catalog.recordNames()) {
      for (SchemaVersion version : catalog.versions(name)) {
        version.schema().getFields().forEach(f -> visitor.visit(version, f));
      }
    }
  }

  private interface FieldVisitor {
    void visit(SchemaVersion version, Schema.Field field);
  }
}
