package org.chuanbo.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A generated stream on disk ({@code --to-file}): one JSON object per line, in send order, UTF-8,
 * each line ending in {@code \n}:
 *
 * <pre>
 * {"topic":"chuanbo.events","key":"hz-20240304-007","value":"wwHIJQAA7h6rD0g…","sendAtMillis":1709510400123,"kind":"EVENT"}
 * </pre>
 *
 * <p>{@code key} is the article_id as text, {@code value} the record's bytes in standard Base64
 * (with padding), {@code kind} a {@link RecordKind}. The same records always give the same bytes,
 * so two files can be compared with {@code cmp} or a checksum.
 */
public final class StreamFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

  private StreamFile() {}

  /** Writes the records, replacing the file; returns how many. */
  public static long write(Path file, Iterator<OutgoingRecord> records) throws IOException {
    long count = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (records.hasNext()) {
        out.write(toLine(records.next()));
        out.write('\n');
        count++;
      }
    }
    return count;
  }

  /** Writes the records, replacing the file; returns how many. */
  public static long write(Path file, Iterable<OutgoingRecord> records) throws IOException {
    return write(file, records.iterator());
  }

  /** Every record of the file, in file order. */
  public static List<OutgoingRecord> read(Path file) throws IOException {
    try (Stream<OutgoingRecord> records = lines(file)) {
      List<OutgoingRecord> all = new ArrayList<>();
      records.forEach(all::add);
      return all;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The records of the file, read lazily; close the stream. A line that is not a record fails with
   * an {@link IllegalArgumentException} naming its line number.
   */
  public static Stream<OutgoingRecord> lines(Path file) throws IOException {
    BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    AtomicLong lineNumber = new AtomicLong();
    return in.lines()
        .map(
            line -> {
              long n = lineNumber.incrementAndGet();
              try {
                return fromLine(line);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + n + ": " + e.getMessage(), e);
              }
            })
        .onClose(
            () -> {
              try {
                in.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** One record as one line (without the newline). */
  public static String toLine(OutgoingRecord record) {
    ObjectNode line = JSON.createObjectNode();
    line.put("topic", record.topic());
    line.put("key", keyText(record.key()));
    line.put("value", BASE64.encodeToString(record.value()));
    line.put("sendAtMillis", record.sendAtMillis());
    line.put("kind", record.kind().name());
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The record of one line.
   *
   * @throws IllegalArgumentException if the line is not one
   */
  public static OutgoingRecord fromLine(String line) {
    JsonNode fields;
    try {
      fields = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
    }
    java.util.Set<String> names = new java.util.TreeSet<>();
    if (fields != null && fields.isObject()) {
      fields.fieldNames().forEachRemaining(names::add);
    }
    if (!names.equals(java.util.Set.of("topic", "key", "value", "sendAtMillis", "kind"))) {
      throw new IllegalArgumentException(
          "expected the fields topic, key, value, sendAtMillis, kind; got " + names);
    }
    RecordKind kind;
    try {
      kind = RecordKind.valueOf(text(fields, "kind"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown kind " + fields.get("kind"));
    }
    if (!fields.get("sendAtMillis").isIntegralNumber()) {
      throw new IllegalArgumentException("sendAtMillis must be an integer");
    }
    long sendAt = fields.get("sendAtMillis").longValue();
    return new OutgoingRecord(
        text(fields, "topic"),
        text(fields, "key").getBytes(StandardCharsets.UTF_8),
        BASE64_DECODER.decode(text(fields, "value")),
        sendAt,
        kind);
  }

  private static String text(JsonNode fields, String name) {
    if (!fields.get(name).isTextual()) {
      throw new IllegalArgumentException(name + " must be a string");
    }
    return fields.get(name).textValue();
  }

  /** Keys are article ids: text. Bytes that are not UTF-8 would not survive the round trip. */
  private static String keyText(byte[] key) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(key))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the key is not UTF-8 text, the file cannot hold it", e);
    }
  }
}
