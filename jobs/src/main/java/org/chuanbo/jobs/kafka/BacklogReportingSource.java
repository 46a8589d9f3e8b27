package org.chuanbo.jobs.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.lineage.LineageVertex;
import org.apache.flink.streaming.api.lineage.LineageVertexProvider;

/**
 * A Kafka source that tells Flink when it is catching up on a backlog, so that Flink checkpoints at
 * {@code execution.checkpointing.interval-during-backlog} meanwhile (FLIP-309). Flink's Kafka
 * source never says so itself. Every checkpoint commits one insert per table and sink subtask to
 * ClickHouse, and each insert writes parts that ClickHouse then merges: catching up with the short
 * interval that keeps rows fresh spends most of ClickHouse's work on small parts. The reading, the
 * splits and their state are the Kafka source's own, so savepoints are unchanged.
 *
 * <p>Its readers report how old the records they emit are ({@link BacklogReportingReader}), its
 * enumerator decides ({@link BacklogReportingEnumerator}, by {@link BacklogRule}). The consumer
 * group's committed offsets would not do: the Kafka source commits them only when a checkpoint
 * completes and confirms a commit only on a later poll of its consumer, so with long intervals they
 * trail what was read by far more than the job does.
 */
public final class BacklogReportingSource<T, SplitT extends SourceSplit, CheckpointT>
    implements Source<T, SplitT, CheckpointT>, ResultTypeQueryable<T>, LineageVertexProvider {

  private final Source<T, SplitT, CheckpointT> source;
  private final TypeInformation<T> producedType;
  private final BacklogRule rule;

  /**
   * @param source emits each record with the time it was written (as Flink's Kafka source does)
   */
  public <S extends Source<T, SplitT, CheckpointT> & ResultTypeQueryable<T>> BacklogReportingSource(
      S source, BacklogRule rule) {
    this.source = source;
    this.producedType = source.getProducedType();
    this.rule = rule;
  }

  @Override
  public Boundedness getBoundedness() {
    return source.getBoundedness();
  }

  @Override
  public SourceReader<T, SplitT> createReader(SourceReaderContext readerContext) throws Exception {
    return new BacklogReportingReader<>(source.createReader(readerContext), readerContext);
  }

  @Override
  public SplitEnumerator<SplitT, CheckpointT> createEnumerator(
      SplitEnumeratorContext<SplitT> context) throws Exception {
    return new BacklogReportingEnumerator<>(source.createEnumerator(context), context, rule);
  }

  @Override
  public SplitEnumerator<SplitT, CheckpointT> restoreEnumerator(
      SplitEnumeratorContext<SplitT> context, CheckpointT checkpoint) throws Exception {
    return new BacklogReportingEnumerator<>(
        source.restoreEnumerator(context, checkpoint), context, rule);
  }

  @Override
  public SimpleVersionedSerializer<SplitT> getSplitSerializer() {
    return source.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<CheckpointT> getEnumeratorCheckpointSerializer() {
    return source.getEnumeratorCheckpointSerializer();
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return producedType;
  }

  @Override
  public LineageVertex getLineageVertex() {
    return source instanceof LineageVertexProvider provider ? provider.getLineageVertex() : null;
  }
}
