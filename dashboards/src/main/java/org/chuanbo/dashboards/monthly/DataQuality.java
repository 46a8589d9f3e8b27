package org.chuanbo.dashboards.monthly;

/**
 * What to know before quoting the month's figures (monthly_quality.sql): late events, events of
 * unknown pieces, the platform reports (revised, above the counted events), and the records the job
 * rejected in the month ({@code rejectedRecords}: the city's total, null in an office's report,
 * which a broken record cannot be attributed to).
 */
public record DataQuality(
    long events,
    long lateEvents,
    long maxLagMs,
    long unknownOfficeEvents,
    long reportedDays,
    long revisedDays,
    long reportedAboveCountedDays,
    Long rejectedRecords) {}
