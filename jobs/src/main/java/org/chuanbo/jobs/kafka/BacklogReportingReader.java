package org.chuanbo.jobs.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * The Kafka source's own reader, which it runs unchanged, noting the newest timestamp of the
 * records it emits (Kafka's record timestamp, which the Kafka source emits each record with) and
 * sending it to the enumerator every {@link #REPORT_EVERY} while it reads, and {@link
 * NothingToRead} whenever it finds nothing to emit. Its silence says nothing: a reader held back by
 * backpressure is not asked for records, and is still behind.
 */
final class BacklogReportingReader<T, SplitT extends SourceSplit>
    implements SourceReader<T, SplitT> {

  static final Duration REPORT_EVERY = Duration.ofSeconds(1);

  private final SourceReader<T, SplitT> reader;
  private final SourceReaderContext context;
  private ReaderOutput<T> wrappedOutput;
  private NewestTimestampOutput<T> output;
  private long newestTimestamp = Long.MIN_VALUE;
  private long nextReportNanos;
  private boolean saidNothingToRead;

  BacklogReportingReader(SourceReader<T, SplitT> reader, SourceReaderContext context) {
    this.reader = reader;
    this.context = context;
  }

  @Override
  public void start() {
    reader.start();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> readerOutput) throws Exception {
    if (readerOutput != wrappedOutput) {
      // Flink hands the same output every time; the reader keeps outputs per split made from it.
      wrappedOutput = readerOutput;
      output = new NewestTimestampOutput<>(readerOutput, this);
    }
    InputStatus status = reader.pollNext(output);
    if (newestTimestamp != Long.MIN_VALUE) {
      long now = System.nanoTime();
      // Right away after having said nothing to read: records may now wait behind backpressure,
      // and the enumerator must not take the silence that follows for nothing to read.
      if (saidNothingToRead || now >= nextReportNanos) {
        nextReportNanos = now + REPORT_EVERY.toNanos();
        context.sendSourceEventToCoordinator(
            new NewestRecordTime(newestTimestamp, System.currentTimeMillis()));
        newestTimestamp = Long.MIN_VALUE;
        saidNothingToRead = false;
      }
    }
    if (status == InputStatus.NOTHING_AVAILABLE && !saidNothingToRead) {
      context.sendSourceEventToCoordinator(new NothingToRead());
      saidNothingToRead = true;
    }
    return status;
  }

  void emitted(long timestamp) {
    if (timestamp > newestTimestamp) {
      newestTimestamp = timestamp;
    }
  }

  @Override
  public List<SplitT> snapshotState(long checkpointId) {
    return reader.snapshotState(checkpointId);
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return reader.isAvailable();
  }

  @Override
  public void addSplits(List<SplitT> splits) {
    reader.addSplits(splits);
  }

  @Override
  public void notifyNoMoreSplits() {
    reader.notifyNoMoreSplits();
  }

  @Override
  public void handleSourceEvents(SourceEvent sourceEvent) {
    reader.handleSourceEvents(sourceEvent);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    reader.notifyCheckpointComplete(checkpointId);
  }

  @Override
  public void notifyCheckpointAborted(long checkpointId) throws Exception {
    reader.notifyCheckpointAborted(checkpointId);
  }

  @Override
  public void pauseOrResumeSplits(
      Collection<String> splitsToPause, Collection<String> splitsToResume) {
    reader.pauseOrResumeSplits(splitsToPause, splitsToResume);
  }

  @Override
  public void close() throws Exception {
    reader.close();
  }

  /** An output that passes everything on and tells the reader each record's timestamp. */
  private static class NewestTimestampSourceOutput<T> implements SourceOutput<T> {
    private final SourceOutput<T> output;
    final BacklogReportingReader<T, ?> reader;

    NewestTimestampSourceOutput(SourceOutput<T> output, BacklogReportingReader<T, ?> reader) {
      this.output = output;
      this.reader = reader;
    }

    @Override
    public void collect(T record) {
      output.collect(record);
    }

    @Override
    public void collect(T record, long timestamp) {
      reader.emitted(timestamp);
      output.collect(record, timestamp);
    }

    @Override
    public void emitWatermark(Watermark watermark) {
      output.emitWatermark(watermark);
    }

    @Override
    public void markIdle() {
      output.markIdle();
    }

    @Override
    public void markActive() {
      output.markActive();
    }
  }

  /** The same for the reader's output, and for each split's output made from it. */
  private static final class NewestTimestampOutput<T> extends NewestTimestampSourceOutput<T>
      implements ReaderOutput<T> {
    private final ReaderOutput<T> output;

    NewestTimestampOutput(ReaderOutput<T> output, BacklogReportingReader<T, ?> reader) {
      super(output, reader);
      this.output = output;
    }

    @Override
    public SourceOutput<T> createOutputForSplit(String splitId) {
      return new NewestTimestampSourceOutput<>(output.createOutputForSplit(splitId), reader);
    }

    @Override
    public void releaseOutputForSplit(String splitId) {
      output.releaseOutputForSplit(splitId);
    }
  }
}
