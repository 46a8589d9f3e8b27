package org.chuanbo.jobs.records;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.NullableMapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * {@link EnrichedEvent} as Flink typed it before the record named its own serializer: a POJO whose
 * strings and longs are basic types and whose attributes are a nullable map of strings (what Flink
 * 2.2's type extraction gave it). The baseline of {@code EnrichedEventSerializerBenchmark} and the
 * older side of the compatibility test.
 */
public final class EventsAsPojo {

  private EventsAsPojo() {}

  public static PojoTypeInfo<EnrichedEvent> typeInfo() {
    List<PojoField> fields = new ArrayList<>();
    for (Field field : EnrichedEvent.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      fields.add(new PojoField(field, typeOf(field.getType())));
    }
    return new PojoTypeInfo<>(EnrichedEvent.class, fields);
  }

  private static TypeInformation<?> typeOf(Class<?> type) {
    if (type == String.class) {
      return Types.STRING;
    }
    if (type == long.class || type == Long.class) {
      return Types.LONG;
    }
    if (type == Map.class) {
      return new NullableMapTypeInfo<>(Types.STRING, Types.STRING);
    }
    throw new IllegalArgumentException(
        "a field of a type the POJO baseline does not know: " + type);
  }
}
