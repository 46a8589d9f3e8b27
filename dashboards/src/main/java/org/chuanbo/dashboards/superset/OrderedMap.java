package org.chuanbo.dashboards.superset;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code Map.of} in the order written: the generated YAML must come out the same on every run (and
 * read as written), which {@code Map.of}'s per-JVM iteration order would not allow.
 */
final class OrderedMap {

  private OrderedMap() {}

  static Map<String, Object> of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
