package org.chuanbo.jobs.kafka;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * What a reader tells its enumerator about once a second while it reads: the newest record
 * timestamp it has emitted (Kafka's, the time the record was written) and its own clock then.
 */
record NewestRecordTime(long recordMillis, long readerMillis) implements SourceEvent {

  /** How far behind the topic's writers the reader was. */
  long lagMillis() {
    return Math.max(0, readerMillis - recordMillis);
  }
}
