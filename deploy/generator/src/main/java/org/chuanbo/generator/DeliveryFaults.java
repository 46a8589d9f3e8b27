package org.chuanbo.generator;

import org.chuanbo.schemas.records.Channel;

/**
 * How events travel from the collectors to Kafka, faults included (DOMAIN.md, "Facts about real
 * event streams"):
 *
 * <ul>
 *   <li>normal lag: a second or two for WeChat and the website, up to a minute for the app (its SDK
 *       uploads in batches), some seconds for radio and remote-education terminals;
 *   <li>{@value #LATE_RATE} of non-TV events are late: sent minutes to hours after they happened (a
 *       collector that was down, a phone that was offline);
 *   <li>TV play logs arrive in hourly batches: every play of an hour is sent a few minutes after
 *       the hour ends, within a few seconds;
 *   <li>{@value #DUPLICATE_RATE} of events are sent twice (a retry after a lost acknowledgement):
 *       the same bytes, a moment to two minutes later;
 *   <li>{@value #MALFORMED_RATE} of events are accompanied by a broken record ({@link
 *       MalformedRecords}).
 * </ul>
 */
final class DeliveryFaults {

  static final double LATE_RATE = 0.02;
  static final double DUPLICATE_RATE = 0.015;
  static final double MALFORMED_RATE = 0.001;

  static final long HOUR = 3_600_000L;

  /** TV batches are sent this long after the hour they cover, plus up to {@link #BATCH_JITTER}. */
  static final long BATCH_DELAY = 3 * 60_000L;

  static final long BATCH_JITTER = 5 * 60_000L;

  /** How long sending one batch takes. */
  static final long BATCH_SPREAD = 15_000L;

  private final SeededRandom random;
  private final long batchSalt;

  DeliveryFaults(long seed) {
    this.random = SeededRandom.forPurpose(seed, "faults");
    this.batchSalt = SeededRandom.mix(seed ^ 0x7B47C4L);
  }

  /** When an event that happened at {@code eventTime} on {@code channel} is sent. */
  long sendTime(Channel channel, long eventTime) {
    if (channel == Channel.TV) {
      return tvBatchStart(eventTime) + random.between(0, BATCH_SPREAD);
    }
    long lag =
        switch (channel) {
          case WECHAT -> random.logNormal(2_000, 0.8, 200, 60_000);
          case WEBSITE -> random.logNormal(800, 0.8, 100, 30_000);
          case APP -> 300 + random.between(0, 60_000);
          case RADIO -> random.logNormal(3_000, 0.8, 200, 60_000);
          case REMOTE_EDU -> random.logNormal(20_000, 0.6, 2_000, 90_000);
          case TV, UNKNOWN -> 1_000;
        };
    if (random.chance(LATE_RATE)) {
      lag += random.logNormal(25 * 60_000.0, 1.3, 3 * 60_000, 8 * HOUR);
    }
    return eventTime + lag;
  }

  /** When the TV batch holding an event of {@code eventTime} starts being sent. */
  long tvBatchStart(long eventTime) {
    long hourStart = Math.floorDiv(eventTime, HOUR) * HOUR;
    long jitter =
        Math.floorMod(SeededRandom.mix(batchSalt ^ hourStart), BATCH_JITTER / 1_000) * 1_000;
    return hourStart + HOUR + BATCH_DELAY + jitter;
  }

  /** When the retry of a record sent at {@code sendAt} is sent, or -1 if it is not retried. */
  long duplicateSendTime(long sendAt) {
    if (!random.chance(DUPLICATE_RATE)) {
      return -1;
    }
    return sendAt + random.logNormal(3_000, 1.2, 50, 120_000);
  }

  /** Whether a broken record goes out alongside this event. */
  boolean malformedAlongside() {
    return random.chance(MALFORMED_RATE);
  }

  SeededRandom random() {
    return random;
  }
}
