package org.chuanbo.jobs.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Flink's own checks of a serializer (round trips alone and in sequence, copies, snapshots,
 * duplicates, serializability) over events with every field set, every optional one absent, and
 * attributes empty, absent and in Chinese; then what the job relies on beyond them.
 */
class EnrichedEventSerializerTest extends SerializerTestBase<EnrichedEvent> {

  @Override
  protected TypeSerializer<EnrichedEvent> createSerializer() {
    return EnrichedEventSerializer.INSTANCE;
  }

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  protected Class<EnrichedEvent> getTypeClass() {
    return EnrichedEvent.class;
  }

  @Override
  protected EnrichedEvent[] getTestData() {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("campaign", "两学一做");
    attributes.put("ref", "");
    return new EnrichedEvent[] {
      new EnrichedEvent(
          "e-1",
          "VIEW",
          1_764_115_200_000L,
          "art-1",
          "zs",
          "WECHAT",
          "u-1",
          "p-1",
          "p:p-1",
          "MOBILE",
          "江苏省南京市",
          "s-1",
          "s-0",
          "新华网",
          42_000L,
          attributes,
          1_764_115_200_005L),
      new EnrichedEvent(
          "e-2",
          "SHARE",
          -1L,
          "art-2",
          null,
          "WEB",
          "u-2",
          null,
          "WEB:u-2",
          "PC",
          null,
          null,
          null,
          null,
          null,
          new HashMap<>(),
          Long.MAX_VALUE),
      new EnrichedEvent(
          "", "COMMENT", 0, "", "", "", "", "", "", "", "", "", "", "", 0L, null, Long.MIN_VALUE)
    };
  }

  @Test
  void shouldBeWhatFlinkUsesForEveryStreamAndStateOfEvents() {
    TypeInformation<EnrichedEvent> extracted = TypeInformation.of(EnrichedEvent.class);
    assertThat(extracted).isInstanceOf(EnrichedEventTypeInfo.class);
    assertThat(extracted.createSerializer(new SerializerConfigImpl()))
        .isSameAs(EnrichedEventSerializer.INSTANCE);

    ListStateDescriptor<EnrichedEvent> waiting =
        new ListStateDescriptor<>("waiting", EnrichedEvent.class);
    waiting.initializeSerializerUnlessSet(new ExecutionConfig());
    assertThat(waiting.getElementSerializer()).isSameAs(EnrichedEventSerializer.INSTANCE);
  }

  @Test
  void shouldMigrateStateThatFlinkWroteAsAPojo() {
    TypeSerializerSnapshot<EnrichedEvent> pojo =
        EventsAsPojo.typeInfo()
            .createSerializer(new SerializerConfigImpl())
            .snapshotConfiguration();

    assertThat(new EnrichedEventSerializerSnapshot().resolveSchemaCompatibility(pojo))
        .matches(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration);
  }

  @Test
  void shouldReadItsOwnStateAsItIsAndRefuseAnyOther() {
    var own = new EnrichedEventSerializerSnapshot();
    assertThat(
            own.resolveSchemaCompatibility(
                EnrichedEventSerializer.INSTANCE.snapshotConfiguration()))
        .matches(TypeSerializerSchemaCompatibility::isCompatibleAsIs);

    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeSerializerSnapshot<EnrichedEvent> strings =
        (TypeSerializerSnapshot) StringSerializer.INSTANCE.snapshotConfiguration();
    assertThat(own.resolveSchemaCompatibility(strings))
        .matches(TypeSerializerSchemaCompatibility::isIncompatible);
  }
}
