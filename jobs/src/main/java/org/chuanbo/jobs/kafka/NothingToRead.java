package org.chuanbo.jobs.kafka;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * What a reader tells its enumerator when it found no record to emit: it has read all there is for
 * now. A reader that sends nothing at all may simply be held back by the operators after it.
 */
record NothingToRead() implements SourceEvent {}
