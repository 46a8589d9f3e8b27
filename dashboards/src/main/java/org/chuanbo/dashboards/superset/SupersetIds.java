package org.chuanbo.dashboards.superset;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Stable UUIDs for the assets, derived from their kind and name: the same dashboard, chart or
 * dataset keeps its UUID from one build to the next, so a re-import overwrites it instead of adding
 * a copy, and a rename is a deliberate new asset.
 */
final class SupersetIds {

  private SupersetIds() {}

  static UUID uuid(String kind, String name) {
    return UUID.nameUUIDFromBytes(
        ("chuanbo:" + kind + ":" + name).getBytes(StandardCharsets.UTF_8));
  }
}
