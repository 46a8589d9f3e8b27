package org.chuanbo.jobs;

import java.io.Serializable;
import java.time.Duration;
import org.chuanbo.jobs.functions.Pseudonymiser;
import org.chuanbo.jobs.spread.SpreadSettings;

/**
 * Every knob of the dissemination job, with defaults that suit the local stack.
 *
 * @param checkpointInterval how often state is checkpointed — and so how often rows reach
 *     ClickHouse, since the sink commits on checkpoints
 * @param checkpointIntervalDuringBacklog how often while the job catches up on a backlog of events
 *     (after an outage, a restart, a first start): fewer, larger inserts leave ClickHouse more of
 *     the machine to catch up with; not longer than {@code checkpointInterval} keeps one interval
 * @param outOfOrderness how far behind the newest event time the watermark trails
 * @param idleness after this long without events a source split stops holding the watermark back
 * @param earlyFiring how soon after new events a minute's counts are emitted, before it closes
 * @param allowedLateness how long a closed minute still takes late events into its window; later
 *     events are counted by one-event correction rows instead
 * @param deduplicationHorizon how long an event id is remembered to drop repeats
 * @param articleWait how long events of a not-yet-known article wait for it; short, because they
 *     wait in front of every table (freshness), and the CMS sends an article before its events
 * @param pseudonymKey the HMAC key for user ids: a secret, never in the code or the repository (the
 *     local stack generates one into {@code .chuanbo/}); the job refuses to start without it
 * @param spread the bounds of spread tracking (share cascades, reach, revisions)
 */
public record JobSettings(
    Duration checkpointInterval,
    Duration checkpointIntervalDuringBacklog,
    Duration outOfOrderness,
    Duration idleness,
    Duration earlyFiring,
    Duration allowedLateness,
    Duration deduplicationHorizon,
    Duration articleWait,
    String pseudonymKey,
    SpreadSettings spread)
    implements Serializable {

  /**
   * Local defaults: rows visible within about two seconds; late events counted for days. No
   * pseudonymisation key: that is a secret each deployment provides ({@link #withPseudonymKey}).
   */
  public static JobSettings defaults() {
    return new JobSettings(
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofMillis(500),
        Duration.ofHours(1),
        Duration.ofDays(7),
        Duration.ofSeconds(3),
        null,
        SpreadSettings.defaults());
  }

  /**
   * The job's one way to pseudonymise: the tables and the dead-letter topic must use the same key,
   * so that an operator can match a dead letter's pseudonyms to table rows.
   *
   * @throws IllegalArgumentException without a key (or with one shorter than 16 characters)
   */
  public Pseudonymiser pseudonymiser() {
    return new Pseudonymiser(pseudonymKey);
  }

  public JobSettings withCheckpointInterval(Duration interval) {
    return new JobSettings(
        interval,
        checkpointIntervalDuringBacklog,
        outOfOrderness,
        idleness,
        earlyFiring,
        allowedLateness,
        deduplicationHorizon,
        articleWait,
        pseudonymKey,
        spread);
  }

  /** Whether catching up lengthens checkpoints at all. */
  public boolean checkpointsLongerDuringBacklog() {
    return checkpointIntervalDuringBacklog.compareTo(checkpointInterval) > 0;
  }

  public JobSettings withPseudonymKey(String key) {
    return new JobSettings(
        checkpointInterval,
        checkpointIntervalDuringBacklog,
        outOfOrderness,
        idleness,
        earlyFiring,
        allowedLateness,
        deduplicationHorizon,
        articleWait,
        key,
        spread);
  }

  public JobSettings withSpread(SpreadSettings value) {
    return new JobSettings(
        checkpointInterval,
        checkpointIntervalDuringBacklog,
        outOfOrderness,
        idleness,
        earlyFiring,
        allowedLateness,
        deduplicationHorizon,
        articleWait,
        pseudonymKey,
        value);
  }
}
