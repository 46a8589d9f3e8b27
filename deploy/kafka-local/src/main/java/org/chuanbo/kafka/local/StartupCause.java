package org.chuanbo.kafka.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The first error a failed broker start left in its log, as one line for an exception message.
 *
 * <p>Kafka logs a failed start as an ERROR line whose next line is the exception ({@code
 * KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.}); the
 * JVM itself writes {@code Error: …} or {@code Exception in thread …} before logging starts.
 */
final class StartupCause {

  /** slf4j-simple's line: {@code 2026-11-26T12:00:00.000 [main] ERROR logger - message}. */
  private static final Pattern ERROR_LOG_LINE = Pattern.compile("^\\S+ \\[[^]]*] ERROR \\S+ - ");

  private static final Pattern LOG_LINE = Pattern.compile("^\\S+ \\[[^]]*] [A-Z]+ ");
  private static final Pattern JVM_ERROR = Pattern.compile("^(Error|Exception in thread)\\b");
  private static final int MAX_LENGTH = 400;

  private StartupCause() {}

  /** The cause found in {@code log} after byte {@code offset}, where this start's output began. */
  static Optional<String> in(Path log, long offset) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = Math.max(0, file.length() - offset);
      byte[] tail = new byte[(int) Math.min(length, 4L * 1024 * 1024)];
      file.seek(offset);
      file.readFully(tail);
      return in(Arrays.asList(new String(tail, StandardCharsets.UTF_8).split("\n")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<String> in(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      var error = ERROR_LOG_LINE.matcher(line);
      String message;
      if (error.find()) {
        message = line.substring(error.end()).strip();
      } else if (JVM_ERROR.matcher(line).find()) {
        message = line;
      } else {
        continue;
      }
      String detail = i + 1 < lines.size() ? lines.get(i + 1).strip() : "";
      if (isDetail(detail)) {
        message = message.isEmpty() ? detail : message + ": " + detail;
      }
      return Optional.of(shorten(message));
    }
    return Optional.empty();
  }

  /** The exception (or JVM explanation) printed right under an error; not a stack frame. */
  private static boolean isDetail(String line) {
    return !line.isEmpty() && !line.startsWith("at ") && !LOG_LINE.matcher(line).find();
  }

  private static String shorten(String message) {
    return message.length() <= MAX_LENGTH ? message : message.substring(0, MAX_LENGTH) + "…";
  }
}
