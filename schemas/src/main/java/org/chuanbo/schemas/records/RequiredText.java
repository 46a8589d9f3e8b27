package org.chuanbo.schemas.records;

import static org.chuanbo.schemas.RejectReason.MISSING_VALUE;

import java.util.List;
import org.chuanbo.schemas.ValidationProblem;

/** The one rule every id and name shares: present and not blank (a collector's "" is no id). */
final class RequiredText {

  private RequiredText() {}

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  static void check(List<ValidationProblem> problems, String field, String value) {
    if (isBlank(value)) {
      problems.add(new ValidationProblem(field, MISSING_VALUE, "missing or blank"));
    }
  }
}
