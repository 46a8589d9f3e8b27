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

  /**
   * An optional id as the domain reads it: blank is absent. A collector that sends person_id "" or
   * via_share_id "" means "none"; taken as an id, every such viewer would be one person in reach,
   * and every such view a view through a share that never comes.
   */
  static String absentIfBlank(String value) {
    return isBlank(value) ? null : value;
  }

  static void check(List<ValidationProblem> problems, String field, String value) {
    if (isBlank(value)) {
      problems.add(new ValidationProblem(field, MISSING_VALUE, "missing or blank"));
    }
  }
}
