package org.chuanbo.dashboards.monthly;

/**
 * What to know before quoting the month's figures (monthly_quality.sql): late events, events of
 * unknown pieces, and the platform reports (revised, above the counted events). Rejected records
 * are in the Kafka dead-letter topic, not in ClickHouse, so they are not counted here.
 */
public record DataQuality(
    long events,
    long lateEvents,
    long maxLagMs,
    long unknownOfficeEvents,
    long reportedDays,
    long revisedDays,
    long reportedAboveCountedDays) {}
