package org.chuanbo.jobs.clickhouse;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A batch's payload as its rows: JSONEachRow puts one row per line, and JSON escapes a newline
 * inside a string, so every {@code \n} byte ends a row.
 */
final class JsonLines {

  private JsonLines() {}

  /** The rows, each with its newline. */
  static List<byte[]> split(byte[] payload) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < payload.length; i++) {
      if (payload[i] == '\n') {
        lines.add(Arrays.copyOfRange(payload, start, i + 1));
        start = i + 1;
      }
    }
    if (start < payload.length) {
      lines.add(Arrays.copyOfRange(payload, start, payload.length));
    }
    return lines;
  }

  static byte[] join(List<byte[]> lines) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    lines.forEach(joined::writeBytes);
    return joined.toByteArray();
  }

  static byte[] withoutNewline(byte[] line) {
    int end = line.length;
    while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
      end--;
    }
    return Arrays.copyOf(line, end);
  }
}
