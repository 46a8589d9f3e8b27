package org.chuanbo.jobs.records;

/**
 * A record the job refused, on its way to {@code chuanbo.events.dlq}: the original bytes, why (a
 * {@code RejectReason} name and a readable detail), and when.
 */
public record RejectedRecord(
    RawRecord original, String reason, String detail, long rejectedAtMillis) {}
