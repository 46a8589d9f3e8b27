package org.chuanbo.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.mocks.MockSourceSplit;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumerator;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

/** The enumerator decides from its readers' reports, on Flink's own mock context. */
class BacklogReportingEnumeratorTest {

  private final RecordingContext context = new RecordingContext();
  private final MockSplitEnumerator sourcesOwn = new MockSplitEnumerator(0, context);
  private final SplitEnumerator<MockSourceSplit, ?> enumerator =
      new BacklogReportingEnumerator<>(sourcesOwn, context, BacklogRule.of(Duration.ofSeconds(5)));

  @Test
  void theReaderFurthestBehindDecides() throws Throwable {
    enumerator.start();
    enumerator.handleSourceEvent(0, new NewestRecordTime(1_000, 2_000));
    enumerator.handleSourceEvent(1, new NewestRecordTime(1_000, 61_000));
    decide();
    assertThat(context.backlog).as("one reader a minute behind").containsExactly(true);

    enumerator.handleSourceEvent(1, new NewestRecordTime(50_000, 65_000));
    decide();
    assertThat(context.backlog).as("15 s: still catching up").containsExactly(true);

    enumerator.handleSourceEvent(1, new NewestRecordTime(60_000, 62_000));
    decide();
    assertThat(context.backlog).as("2 s behind: caught up").containsExactly(true, false);

    enumerator.handleSourceEvent(0, new NewestRecordTime(0, 3_600_000));
    decide();
    assertThat(context.backlog).containsExactly(true, false, true);
  }

  @Test
  void silenceIsNoNewsButNothingToReadForAWhileIsCaughtUp() throws Throwable {
    enumerator.start();
    enumerator.handleSourceEvent(0, new NewestRecordTime(0, 3_600_000));
    decide();
    Thread.sleep(BacklogReportingEnumerator.NOTHING_TO_READ_FOR.toMillis() + 100);
    decide();
    assertThat(context.backlog)
        .as("a reader held back by backpressure reports nothing, and is still behind")
        .containsExactly(true);

    enumerator.handleSourceEvent(0, new NothingToRead());
    decide();
    assertThat(context.backlog)
        .as("nothing for a moment happens while reading")
        .containsExactly(true);
    enumerator.handleSourceEvent(0, new NewestRecordTime(0, 3_600_000));
    enumerator.handleSourceEvent(0, new NothingToRead());
    Thread.sleep(BacklogReportingEnumerator.NOTHING_TO_READ_FOR.toMillis() + 100);
    decide();
    assertThat(context.backlog).as("nothing to read for a while").containsExactly(true, false);
  }

  @Test
  void aRestartedReaderStartsWithoutItsPredecessorsReport() throws Throwable {
    enumerator.start();
    enumerator.handleSourceEvent(0, new NewestRecordTime(0, 3_600_000));
    context.registerReader(new ReaderInfo(0, "localhost"));
    enumerator.addReader(0);
    decide();
    assertThat(context.backlog).isEmpty();
  }

  @Test
  void theSourcesOwnEnumeratorRunsAndGetsEveryOtherEvent() {
    enumerator.start();
    SourceEvent other = new SourceEvent() {};
    enumerator.handleSourceEvent(0, other);
    enumerator.handleSourceEvent(0, new NewestRecordTime(0, 1));
    assertThat(sourcesOwn.started()).isTrue();
    assertThat(sourcesOwn.getHandledSourceEvent()).containsExactly(other);
  }

  private void decide() throws Throwable {
    context.runPeriodicCallable(context.getPeriodicCallables().size() - 1);
  }

  /** Flink's mock context, which keeps what the enumerator said about the backlog. */
  private static final class RecordingContext extends MockSplitEnumeratorContext<MockSourceSplit> {
    final List<Boolean> backlog = new CopyOnWriteArrayList<>();

    RecordingContext() {
      super(2);
    }

    @Override
    public void setIsProcessingBacklog(boolean isProcessingBacklog) {
      backlog.add(isProcessingBacklog);
    }
  }
}
