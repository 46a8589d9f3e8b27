package org.chuanbo.jobs.corpus;

import java.util.ArrayList;
import java.util.List;
import org.chuanbo.schemas.RejectReason;

/**
 * What must become of a corpus record: a dead letter with this reason, or a stored row.
 *
 * <p>In the manifest: a {@link RejectReason} name, or {@code stored}, optionally followed by
 * checks, {@code stored: duration_ms=86400000; length(region)=921600}, each a ClickHouse expression
 * over the stored row and the text {@code toString} of it must give.
 */
public sealed interface ExpectedOutcome {

  /** Goes to {@code chuanbo.events.dlq} with {@code reason} in the reason header. */
  record Rejected(RejectReason reason) implements ExpectedOutcome {
    @Override
    public String toString() {
      return reason.name();
    }
  }

  /** Stored as sent; each check must hold for the stored row. */
  record Stored(List<Check> checks) implements ExpectedOutcome {
    public Stored {
      checks = List.copyOf(checks);
    }

    @Override
    public String toString() {
      if (checks.isEmpty()) {
        return "stored";
      }
      List<String> parts = new ArrayList<>();
      checks.forEach(check -> parts.add(check.expression() + "=" + check.expected()));
      return "stored: " + String.join("; ", parts);
    }
  }

  /**
   * One fact about a stored row.
   *
   * @param expression a ClickHouse expression over the row's columns (aggregates such as {@code
   *     count()} count the rows with the record's id)
   * @param expected what {@code toString(expression)} returns
   */
  record Check(String expression, String expected) {}

  static ExpectedOutcome rejected(RejectReason reason) {
    return new Rejected(reason);
  }

  static ExpectedOutcome stored(String... expressionEqualsValue) {
    List<Check> checks = new ArrayList<>();
    for (String check : expressionEqualsValue) {
      checks.add(parseCheck(check));
    }
    return new Stored(checks);
  }

  /** Reads the manifest's text form (see the interface comment). */
  static ExpectedOutcome parse(String text) {
    String trimmed = text.strip();
    if (trimmed.equals("stored")) {
      return new Stored(List.of());
    }
    if (trimmed.startsWith("stored:")) {
      List<Check> checks = new ArrayList<>();
      for (String check : trimmed.substring("stored:".length()).split(";")) {
        checks.add(parseCheck(check));
      }
      return new Stored(checks);
    }
    return new Rejected(RejectReason.valueOf(trimmed));
  }

  private static Check parseCheck(String text) {
    int equals = text.lastIndexOf('=');
    if (equals < 1) {
      throw new IllegalArgumentException("a check is expression=value, got: " + text);
    }
    return new Check(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
  }
}
