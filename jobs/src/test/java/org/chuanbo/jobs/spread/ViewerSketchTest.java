package org.chuanbo.jobs.spread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The spread operator writes a sketched article's state back only when {@link ViewerSketch#add}
 * says the sketch changed: if it ever said "unchanged" for a change, the change would be lost
 * wherever state is not the heap object itself (RocksDB, the changelog, a restore).
 */
class ViewerSketchTest {

  @Property(tries = 50)
  void shouldSayChangedExactlyWhenTheSketchBytesChanged(
      @ForAll @IntRange(min = 0, max = 200_000) int alreadyHeld,
      @ForAll @Size(min = 1, max = 200) List<@StringLength(min = 1, max = 40) String> viewers) {
    byte[] sketch =
        ViewerSketch.of(IntStream.range(0, alreadyHeld).mapToObj(i -> "u:WECHAT:" + i).toList());
    for (String viewer : viewers) {
      byte[] before = sketch.clone();

      boolean changed = ViewerSketch.add(sketch, viewer);

      assertThat(changed).as(viewer).isEqualTo(!Arrays.equals(before, sketch));
    }
  }

  @Property(tries = 20)
  void shouldNeverChangeForAViewerItAlreadyHolds(
      @ForAll @IntRange(min = 1, max = 50_000) int held) {
    List<String> viewers = IntStream.range(0, held).mapToObj(i -> "u:APP:" + i).toList();
    byte[] sketch = ViewerSketch.of(viewers);

    for (String viewer : viewers.subList(0, Math.min(held, 500))) {
      assertThat(ViewerSketch.add(sketch, viewer)).as(viewer).isFalse();
    }
  }
}
