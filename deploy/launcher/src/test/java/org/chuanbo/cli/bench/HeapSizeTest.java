package org.chuanbo.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Heap sizes as the bench takes them: whole for a small map, from a sample for a large one. */
class HeapSizeTest {

  @Test
  void shouldMeasureASmallMapWhole() {
    Map<String, Boolean> viewers = viewers(HeapSize.MAP_SAMPLE);

    assertThat(HeapSize.ofMap(viewers)).isEqualTo((double) HeapSize.of(viewers));
  }

  @Test
  void shouldScaleALargeMapFromItsSampleToWithinAFewPercentOfTheWhole() {
    Map<String, Boolean> viewers = viewers(20 * HeapSize.MAP_SAMPLE);
    long whole = HeapSize.of(viewers);

    assertThat(HeapSize.ofMap(viewers)).isCloseTo(whole, within(0.05 * whole));
  }

  @Test
  void shouldCountAnEmptyMapAsNothingSinceTheBackendHoldsNoneForIt() {
    assertThat(HeapSize.ofMap(Map.of())).isZero();
  }

  @Test
  void shouldCountTheBackendsEntryAndTableSlotPerKey() {
    // An object header and seven fields, at least, and a reference in the table.
    assertThat(HeapSize.stateEntry()).isBetween(40.0, 80.0);
  }

  private static Map<String, Boolean> viewers(int count) {
    Map<String, Boolean> viewers = new HashMap<>();
    for (int i = 0; i < count; i++) {
      viewers.put("wechat:viewer-" + i, Boolean.TRUE);
    }
    return viewers;
  }
}
