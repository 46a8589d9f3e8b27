package org.chuanbo.jobs.records;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type information for {@link EnrichedEvent}, which the record names in its {@code
 * TypeInfo} annotation: every stream, side output and state of events then uses {@link
 * EnrichedEventSerializer}, without each place having to ask for it. The event is never a key (keys
 * are its fields), so it is one opaque field to Flink.
 */
public final class EnrichedEventTypeInfo extends TypeInformation<EnrichedEvent> {

  private static final long serialVersionUID = 1L;

  /** What the annotation names: Flink's type extraction calls it for the record. */
  public static final class Factory extends TypeInfoFactory<EnrichedEvent> {
    @Override
    public TypeInformation<EnrichedEvent> createTypeInfo(
        Type type, Map<String, TypeInformation<?>> genericParameters) {
      return new EnrichedEventTypeInfo();
    }
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<EnrichedEvent> getTypeClass() {
    return EnrichedEvent.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<EnrichedEvent> createSerializer(SerializerConfig config) {
    return EnrichedEventSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "EnrichedEvent";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EnrichedEventTypeInfo;
  }

  @Override
  public int hashCode() {
    return EnrichedEventTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof EnrichedEventTypeInfo;
  }
}
