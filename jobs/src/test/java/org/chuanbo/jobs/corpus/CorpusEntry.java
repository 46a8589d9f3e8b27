package org.chuanbo.jobs.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One named entry of the bad-record corpus: the Kafka record values to send (usually one; several
 * when the point is their combination, e.g. two durations that together pass 2^63), where to send
 * them, and what must become of each.
 *
 * @param values the record values; a null element is a Kafka record without a value (a tombstone)
 * @param why one line for the person who reads the manifest
 */
public record CorpusEntry(
    String name, String topic, List<byte[]> values, ExpectedOutcome expected, String why) {

  public CorpusEntry {
    if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("corpus names are lower-case-with-dashes: " + name);
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException(name + " has no records");
    }
    if (why.contains("|") || why.contains("\n")) {
      throw new IllegalArgumentException(name + ": the why is one line without '|'");
    }
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** The Kafka key every record of the entry is sent with: its name, so a dead letter names it. */
  public byte[] key() {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof CorpusEntry that)) {
      return false;
    }
    if (values.size() != that.values.size()) {
      return false;
    }
    for (int i = 0; i < values.size(); i++) {
      if (!Arrays.equals(values.get(i), that.values.get(i))) {
        return false;
      }
    }
    return name.equals(that.name)
        && topic.equals(that.topic)
        && expected.equals(that.expected)
        && why.equals(that.why);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, topic, values.size(), expected, why);
  }

  @Override
  public String toString() {
    return name + " (" + topic + ", " + values.size() + " records, " + expected + ")";
  }
}
