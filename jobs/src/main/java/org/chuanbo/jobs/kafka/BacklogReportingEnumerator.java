package org.chuanbo.jobs.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka source's own enumerator, which it runs unchanged, plus what its readers report about
 * the records they emit: every {@link #DECIDE_EVERY} it takes the lag of the reader furthest behind
 * ({@link NewestRecordTime}, each reader's latest report), and when {@link BacklogRule} says the
 * job went behind or caught up, it tells Flink ({@link
 * SplitEnumeratorContext#setIsProcessingBacklog}). A reader that said {@link NothingToRead} counts
 * as caught up once it has stayed so for {@link #NOTHING_TO_READ_FOR}: while catching up, a reader
 * finds nothing for a moment now and then.
 */
final class BacklogReportingEnumerator<SplitT extends SourceSplit, CheckpointT>
    implements SplitEnumerator<SplitT, CheckpointT> {

  private static final Logger LOG = LoggerFactory.getLogger(BacklogReportingEnumerator.class);

  static final Duration DECIDE_EVERY = Duration.ofSeconds(1);

  /** Longer than a reader's reports are apart, so a reader still reading has said so since. */
  static final Duration NOTHING_TO_READ_FOR = BacklogReportingReader.REPORT_EVERY.multipliedBy(2);

  /** A reader's latest report: how far behind it read, or (empty) that it found nothing. */
  private record Report(OptionalLong lagMillis, long receivedNanos) {}

  private final SplitEnumerator<SplitT, CheckpointT> enumerator;
  private final SplitEnumeratorContext<SplitT> context;
  private final BacklogRule rule;
  private final Map<Integer, Report> reports = new HashMap<>();
  private boolean behind;

  BacklogReportingEnumerator(
      SplitEnumerator<SplitT, CheckpointT> enumerator,
      SplitEnumeratorContext<SplitT> context,
      BacklogRule rule) {
    this.enumerator = enumerator;
    this.context = context;
    this.rule = rule;
  }

  @Override
  public void start() {
    enumerator.start();
    context.callAsync(() -> null, (ignored, failure) -> decide(), 0, DECIDE_EVERY.toMillis());
  }

  @Override
  public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
    if (sourceEvent instanceof NewestRecordTime newest) {
      reports.put(subtaskId, new Report(OptionalLong.of(newest.lagMillis()), System.nanoTime()));
    } else if (sourceEvent instanceof NothingToRead) {
      reports.put(subtaskId, new Report(OptionalLong.empty(), System.nanoTime()));
    } else {
      enumerator.handleSourceEvent(subtaskId, sourceEvent);
    }
  }

  /** On the coordinator's thread, where events arrive and Flink wants the backlog status set. */
  private void decide() {
    long settledBefore = System.nanoTime() - NOTHING_TO_READ_FOR.toNanos();
    OptionalLong lag =
        reports.values().stream()
            .filter(report -> report.lagMillis().isPresent())
            .mapToLong(report -> report.lagMillis().getAsLong())
            .max();
    boolean settling =
        reports.values().stream()
            .anyMatch(
                report -> report.lagMillis().isEmpty() && report.receivedNanos() > settledBefore);
    if (lag.isEmpty() && settling) {
      return;
    }
    boolean nowBehind = rule.behind(behind, lag);
    if (nowBehind != behind) {
      behind = nowBehind;
      String reading =
          lag.isPresent()
              ? "reading records written " + Duration.ofMillis(lag.getAsLong()) + " ago"
              : "nothing left to read";
      if (nowBehind) {
        LOG.info("{}: catching up, checkpoints every {}", reading, rule.intervalDuringBacklog());
      } else {
        LOG.info("{}: caught up, checkpoints at the normal interval again", reading);
      }
      context.setIsProcessingBacklog(nowBehind);
    }
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    enumerator.handleSplitRequest(subtaskId, requesterHostname);
  }

  @Override
  public void addSplitsBack(List<SplitT> splits, int subtaskId) {
    enumerator.addSplitsBack(splits, subtaskId);
  }

  @Override
  public void addReader(int subtaskId) {
    // A reader (re)starting has said nothing yet; what its predecessor said no longer holds.
    reports.remove(subtaskId);
    enumerator.addReader(subtaskId);
  }

  @Override
  public CheckpointT snapshotState(long checkpointId) throws Exception {
    return enumerator.snapshotState(checkpointId);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    enumerator.notifyCheckpointComplete(checkpointId);
  }

  @Override
  public void notifyCheckpointAborted(long checkpointId) throws Exception {
    enumerator.notifyCheckpointAborted(checkpointId);
  }

  @Override
  public void close() throws IOException {
    enumerator.close();
  }
}
