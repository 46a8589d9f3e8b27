package org.chuanbo.cli.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * Heap bytes of object graphs as this JVM lays them out (compressed references, alignment), from
 * JOL, OpenJDK's object layout tool. Objects reachable from several roots count once.
 */
final class HeapSize {

  /** The heap backend's map of keys to state (Flink's copy-on-write state map). */
  private static final String STATE_MAP_ENTRY =
      "org.apache.flink.runtime.state.heap.CopyOnWriteStateMap$StateMapEntry";

  /** The fill beyond which Flink's state map doubles its table. */
  private static final double TABLE_LOAD_FACTOR = 0.75;

  /** Entries of a large map measured for the whole map (see {@link #ofMap}). */
  static final int MAP_SAMPLE = 512;

  static {
    quietly(VM::current);
  }

  private HeapSize() {}

  /**
   * JOL prints on standard output how it tried to learn this JVM's layout (agents it could not
   * attach); the bench's output is its own, so those lines go nowhere. The bench's progress keeps
   * its own stream, and Flink logs on standard error.
   */
  private static void quietly(Runnable action) {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      action.run();
    } finally {
      System.setOut(out);
    }
  }

  /** Everything reachable from {@code roots} (nulls skipped). */
  static long of(Object... roots) {
    Object[] present = Arrays.stream(roots).filter(Objects::nonNull).toArray();
    return present.length == 0 ? 0 : GraphLayout.parseInstance(present).totalSize();
  }

  /**
   * A map with everything in it. JOL takes some 20 µs a map entry here, and an article's viewers
   * run to a hundred thousand entries: a larger map is measured on its first {@link #MAP_SAMPLE}
   * entries (in hash order, so any) as a map of their own, scaled to its size.
   */
  static double ofMap(Map<?, ?> map) {
    if (map.size() <= MAP_SAMPLE) {
      return map.isEmpty() ? 0 : of(map);
    }
    Map<Object, Object> sample = new HashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (sample.size() == MAP_SAMPLE) {
        break;
      }
      sample.put(entry.getKey(), entry.getValue());
    }
    return (double) of(sample) * map.size() / MAP_SAMPLE;
  }

  /**
   * What the heap backend spends per key and state beside the key and the state themselves: its map
   * entry and, on average, one slot of the entry table.
   */
  static double stateEntry() {
    try {
      long entry = ClassLayout.parseClass(Class.forName(STATE_MAP_ENTRY)).instanceSize();
      return entry + VM.current().arrayIndexScale("java.lang.Object") / TABLE_LOAD_FACTOR;
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Flink's heap state map is not on the class path", e);
    }
  }
}
