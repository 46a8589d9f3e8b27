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
 * the records they emit ({@link NewestRecordTime}): every {@link #DECIDE_EVERY} it takes the lag of
 * the reader furthest behind among those that reported lately, and when {@link BacklogRule} says
 * the job went behind or caught up, it tells Flink ({@link
 * SplitEnumeratorContext#setIsProcessingBacklog}).
 */
final class BacklogReportingEnumerator<SplitT extends SourceSplit, CheckpointT>
    implements SplitEnumerator<SplitT, CheckpointT> {

  private static final Logger LOG = LoggerFactory.getLogger(BacklogReportingEnumerator.class);

  static final Duration DECIDE_EVERY = Duration.ofSeconds(1);

  /** A reader silent for this long has read nothing lately: it is not behind. */
  static final Duration SILENT_AFTER = BacklogReportingReader.REPORT_EVERY.multipliedBy(3);

  private record Report(long lagMillis, long receivedNanos) {}

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
      reports.put(subtaskId, new Report(newest.lagMillis(), System.nanoTime()));
    } else {
      enumerator.handleSourceEvent(subtaskId, sourceEvent);
    }
  }

  /** On the coordinator's thread, where events arrive and Flink wants the backlog status set. */
  private void decide() {
    long silentBefore = System.nanoTime() - SILENT_AFTER.toNanos();
    OptionalLong lag =
        reports.values().stream()
            .filter(report -> report.receivedNanos() >= silentBefore)
            .mapToLong(Report::lagMillis)
            .max();
    boolean nowBehind = rule.behind(behind, lag);
    if (nowBehind != behind) {
      behind = nowBehind;
      String reading =
          lag.isPresent()
              ? "reading records written " + Duration.ofMillis(lag.getAsLong()) + " ago"
              : "nothing to read";
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
