package org.chuanbo.dashboards.monthly;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.chuanbo.dashboards.console.ShanghaiTime;

/**
 * A calendar month in Asia/Shanghai (DOMAIN.md: day and month boundaries are Shanghai local time):
 * the instants [first day 00:00, next month's first day 00:00) and the same days as dates, as the
 * monthly queries take them.
 */
public record ReportMonth(YearMonth month) {

  private static final Pattern FORM = Pattern.compile("\\d{4}-\\d{2}");

  /** {@code 2026-10}; anything else, or a month 13, is refused with a message that says so. */
  public static ReportMonth parse(String text) {
    if (text == null || !FORM.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "--month must be a month as YYYY-MM (e.g. 2026-10), got '" + text + "'");
    }
    try {
      return new ReportMonth(YearMonth.parse(text));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "--month must be a month as YYYY-MM (e.g. 2026-10), got '"
              + text
              + "': there is no month "
              + text.substring(5),
          e);
    }
  }

  public Instant from() {
    return month.atDay(1).atStartOfDay(ShanghaiTime.ZONE).toInstant();
  }

  /** Exclusive: the first instant of the next month. */
  public Instant to() {
    return month.plusMonths(1).atDay(1).atStartOfDay(ShanghaiTime.ZONE).toInstant();
  }

  public LocalDate firstDay() {
    return month.atDay(1);
  }

  public LocalDate lastDay() {
    return month.atEndOfMonth();
  }

  public ReportMonth previous() {
    return new ReportMonth(month.minusMonths(1));
  }

  public ReportMonth sameMonthLastYear() {
    return new ReportMonth(month.minusYears(1));
  }

  /** For file names: {@code 2026-10}. */
  @Override
  public String toString() {
    return month.toString();
  }

  /** For people: {@code 2026年10月}. */
  public String label() {
    return month.getYear() + "年" + month.getMonthValue() + "月";
  }

  /** The period parameters every monthly query declares, and the office ('' = every office). */
  public Map<String, Object> parameters(ReportScope scope) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("from", ShanghaiTime.millis(from()));
    parameters.put("to", ShanghaiTime.millis(to()));
    parameters.put("from_day", firstDay().toString());
    parameters.put("to_day", lastDay().toString());
    parameters.put("office", scope.officeParameter());
    return parameters;
  }
}
