package org.chuanbo.jobs.records;

/**
 * A Kafka record as it arrived, before decoding: kept whole so that a rejected one can go to the
 * dead-letter topic byte for byte, with where it came from.
 */
public record RawRecord(
    String topic, int partition, long offset, long timestampMillis, byte[] key, byte[] value) {}
