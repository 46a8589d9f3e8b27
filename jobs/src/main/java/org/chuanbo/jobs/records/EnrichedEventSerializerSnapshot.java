package org.chuanbo.jobs.records;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;

/**
 * What a checkpoint records of {@link EnrichedEventSerializer}, and how state written before it is
 * read: savepoints taken before the event had a serializer of its own hold the join's waiting
 * events in Flink's POJO format. Their state is read with the POJO serializer restored from the
 * savepoint and written again in this one ("compatible after migration"), so an upgrade keeps the
 * events that were waiting for their article.
 */
public final class EnrichedEventSerializerSnapshot
    extends SimpleTypeSerializerSnapshot<EnrichedEvent> {

  public EnrichedEventSerializerSnapshot() {
    super(() -> EnrichedEventSerializer.INSTANCE);
  }

  @Override
  public TypeSerializerSchemaCompatibility<EnrichedEvent> resolveSchemaCompatibility(
      TypeSerializerSnapshot<EnrichedEvent> older) {
    // The state's type is EnrichedEvent, so a POJO snapshot of it can only be the record's own.
    if (older instanceof PojoSerializerSnapshot) {
      return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
    return super.resolveSchemaCompatibility(older);
  }
}
