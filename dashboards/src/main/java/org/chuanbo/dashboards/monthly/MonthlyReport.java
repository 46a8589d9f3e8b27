package org.chuanbo.dashboards.monthly;

import java.time.Instant;
import java.util.List;

/**
 * Everything the monthly report (月报) of one office, or of the city, holds for one month: what the
 * XLSX, CSV and PDF writers show, each from the same model.
 *
 * @param days every day of the month in order, days without activity as zeros
 */
public record MonthlyReport(
    ReportMonth month,
    ReportScope scope,
    Instant generatedAt,
    MonthlyFigures total,
    MonthlyFigures previousMonth,
    MonthlyFigures sameMonthLastYear,
    List<MonthlyFigures> offices,
    List<MonthlyFigures> channels,
    List<MonthlyFigures> series,
    List<MonthlyFigures> days,
    List<TopPiece> topPieces,
    List<OutletReposts> outlets,
    List<CascadeGeneration> generations,
    DataQuality quality) {

  /** Nothing happened: no event and no platform report in the month. */
  public boolean isEmpty() {
    return total.events() == 0 && total.views() == 0;
  }

  /** {@code chuanbo-monthly-2026-10-hz}: the stem of every file written for this report. */
  public String fileStem() {
    return "chuanbo-monthly-" + month + "-" + scope.code();
  }
}
