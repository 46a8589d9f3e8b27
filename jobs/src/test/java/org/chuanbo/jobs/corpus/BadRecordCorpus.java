package org.chuanbo.jobs.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checked-in corpus of named bad (and tricky but valid) records under {@code
 * src/test/resources/bad-records/}: {@code manifest.txt}, one readable line per entry, and the
 * bytes of each entry's records in {@code records/<name>.bin}. Tests read it from the classpath;
 * {@link CorpusRecipes} says how each record was made, and {@code BadRecordCorpusTest} rewrites the
 * files from the recipes when run with {@code -Dchuanbo.corpus.write=true}.
 *
 * <p>A manifest line is {@code name | topic | records | expected | why}. {@code records} is {@code
 * null} for one record without a value (no file), {@code 1} when {@code records/<name>.bin} is the
 * value, or a count n when the file holds n values, each behind its length (4 bytes, big-endian);
 * {@code expected} is an {@link ExpectedOutcome} in its text form.
 */
public final class BadRecordCorpus {

  /** The corpus folder, on the test classpath and under {@code src/test/resources}. */
  public static final String FOLDER = "bad-records";

  static final String MANIFEST = "manifest.txt";

  private static final String NULL_VALUE = "null";
  private static final String SEPARATOR = " | ";

  /**
   * The longest reject reason's name: the column stays aligned unless a stored entry has checks.
   */
  private static final int EXPECTED_WIDTH = 14;

  private static final String HEADER =
      """
      # The bad-record corpus of the dissemination job (issue 9): every record here goes through the
      # real job on a MiniCluster (BadRecordCorpusITCase) and must end as stated, without a restart.
      # Made by CorpusRecipes (how each record was built) and written by BadRecordCorpusTest with
      # -Dchuanbo.corpus.write=true; commit the rewritten files with the recipe change.
      #
      # name | topic | records | expected | why
      #   records:  null = one Kafka record without a value (no file); 1 = the value is all of
      #             records/<name>.bin; n > 1 = records/<name>.bin holds n values, each behind its
      #             length (4 bytes, big-endian), sent in that order and all expected alike
      #   expected: the RejectReason in the dead letter's chuanbo.reject.reason header, or
      #             "stored" (the row equals the record as sent), optionally with checks
      #             "stored: <ClickHouse expression>=<its toString>; ..."
      """;

  private BadRecordCorpus() {}

  /** Every entry, in manifest order. */
  public static List<CorpusEntry> load() {
    List<CorpusEntry> entries = new ArrayList<>();
    for (String line : resourceText(MANIFEST).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split(" \\| ", 5);
      if (columns.length != 5) {
        throw new IllegalStateException("not name | topic | records | expected | why: " + line);
      }
      String name = columns[0].strip();
      List<byte[]> values = new ArrayList<>();
      String records = columns[2].strip();
      if (records.equals(NULL_VALUE)) {
        values.add(null);
      } else {
        byte[] file = resourceBytes("records/" + name + ".bin");
        int count = Integer.parseInt(records);
        if (count == 1) {
          values.add(file);
        } else {
          ByteBuffer buffer = ByteBuffer.wrap(file);
          while (buffer.hasRemaining()) {
            byte[] value = new byte[buffer.getInt()];
            buffer.get(value);
            values.add(value);
          }
          if (values.size() != count) {
            throw new IllegalStateException(name + ": " + values.size() + " records, not " + count);
          }
        }
      }
      entries.add(
          new CorpusEntry(
              name,
              columns[1].strip(),
              values,
              ExpectedOutcome.parse(columns[3]),
              columns[4].strip()));
    }
    return entries;
  }

  /** Writes {@code entries} as the corpus into {@code folder}, replacing what was there. */
  static void write(List<CorpusEntry> entries, Path folder) throws IOException {
    Path records = folder.resolve("records");
    if (Files.isDirectory(records)) {
      try (var old = Files.list(records)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(records);
    StringBuilder manifest = new StringBuilder(HEADER).append('\n');
    int nameWidth = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0);
    int topicWidth = entries.stream().mapToInt(e -> e.topic().length()).max().orElse(0);
    for (CorpusEntry entry : entries) {
      List<byte[]> values = entry.values();
      String count;
      if (values.size() == 1 && values.get(0) == null) {
        count = NULL_VALUE;
      } else {
        count = Integer.toString(values.size());
        Files.write(records.resolve(entry.name() + ".bin"), recordsFile(values));
      }
      manifest
          .append(pad(entry.name(), nameWidth))
          .append(SEPARATOR)
          .append(pad(entry.topic(), topicWidth))
          .append(SEPARATOR)
          .append(pad(count, 4))
          .append(SEPARATOR)
          .append(pad(entry.expected().toString(), EXPECTED_WIDTH))
          .append(SEPARATOR)
          .append(entry.why())
          .append('\n');
    }
    Files.writeString(folder.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
  }

  /** One record as it is; several each behind its length (4 bytes, big-endian). */
  private static byte[] recordsFile(List<byte[]> values) {
    if (values.size() == 1) {
      return values.get(0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] value : values) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
      out.writeBytes(value);
    }
    return out.toByteArray();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private static String resourceText(String path) {
    return new String(resourceBytes(path), StandardCharsets.UTF_8);
  }

  private static byte[] resourceBytes(String path) {
    String resource = FOLDER + "/" + path;
    try (InputStream in = BadRecordCorpus.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no " + resource + " on the test classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
