package org.chuanbo.schemas;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A record that must go to the dead-letter topic instead of the pipeline. Checked on purpose: the
 * caller has to decide where rejects go; nothing else is thrown for bad input.
 */
public final class RejectedRecordException extends Exception {

  private final RejectReason reason;

  public RejectedRecordException(RejectReason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  /**
   * One exception for all problems of a record: the reason is the first problem's, the message
   * lists them all.
   */
  public static RejectedRecordException of(List<ValidationProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems to reject for");
    }
    String message =
        problems.stream().map(ValidationProblem::toString).collect(Collectors.joining("; "));
    return new RejectedRecordException(problems.get(0).reason(), message);
  }

  /** Rejects a record that validation found problems with; does nothing for a valid one. */
  public static void throwIfAny(List<ValidationProblem> problems) throws RejectedRecordException {
    if (!problems.isEmpty()) {
      throw of(problems);
    }
  }

  /** The machine-readable reason (the dead-letter header). */
  public RejectReason reason() {
    return reason;
  }

  /** The message without the reason prefix. */
  public String detail() {
    return getMessage().substring(reason.name().length() + 2);
  }
}
