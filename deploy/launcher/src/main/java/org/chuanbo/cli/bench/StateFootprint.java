package org.chuanbo.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.ttl.TtlValue;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.chuanbo.jobs.functions.DeduplicateEvents;
import org.chuanbo.jobs.spread.ArticleSpreadState;
import org.chuanbo.jobs.spread.ShareNode;
import org.chuanbo.jobs.spread.SpreadSettings;

/**
 * What the job's keyed state costs on the heap, per deduplicated event id, per article and per node
 * of an article's share tree: the savepoint taken after e2e, read back with Flink's State Processor
 * API into the very objects the heap backend holds (a flag with its TTL timestamp per id; per
 * article a summary, its sketch and one hash map per map state), measured with JOL, plus the
 * backend's own entry per key and state. Also the serialized bytes of the share trees, so that the
 * spread operator's savepoint size splits into the article and its nodes.
 *
 * <p>An article's figure leaves its share tree out: that part grows with the shares and is given
 * per node; the rest is bounded (viewers until the exact-reach limit, then a fixed-size sketch).
 */
public final class StateFootprint {

  /** Ids measured: one in this many, spread over the whole key space (the key order is hashed). */
  public static final int DEDUP_SAMPLE_EVERY = 64;

  /** The sums over the measured keys. */
  public record Result(
      long dedupIdsSampled,
      double dedupHeapBytes,
      long articles,
      double articleHeapBytes,
      long cascadeNodes,
      double cascadeHeapBytes,
      long cascadeStateBytes,
      double seconds) {

    public double heapBytesPerDedupId() {
      return dedupHeapBytes / dedupIdsSampled;
    }

    /** An article's heap without its share tree. */
    public double heapBytesPerArticle() {
      return articleHeapBytes / articles;
    }

    public double heapBytesPerCascadeNode() {
      return cascadeNodes == 0 ? 0 : cascadeHeapBytes / cascadeNodes;
    }

    public double stateBytesPerCascadeNode() {
      return cascadeNodes == 0 ? 0 : (double) cascadeStateBytes / cascadeNodes;
    }
  }

  /**
   * What one key holds on the heap: a deduplicated id ({@code heapBytes}, NaN when not sampled), or
   * an article (without its share tree) and its tree's nodes, their heap and serialized bytes.
   */
  public record Measured(
      boolean article, double heapBytes, long nodes, double nodesHeapBytes, long nodesStateBytes) {

    static Measured id(double heapBytes) {
      return new Measured(false, heapBytes, 0, 0, 0);
    }
  }

  private StateFootprint() {}

  static Result measure(String savepoint, Duration dedupHorizon, SpreadSettings spread)
      throws Exception {
    long start = System.nanoTime();
    StreamExecutionEnvironment environment = StreamExecutionEnvironment.getExecutionEnvironment();
    SavepointReader reader =
        SavepointReader.read(environment, savepoint, new HashMapStateBackend());
    TypeInformation<Measured> type = TypeInformation.of(Measured.class);
    // Both operators in one job and one result stream: one local cluster, one fetcher that sees
    // the job to its end.
    DataStream<Measured> ids =
        reader.readKeyedState(
            OperatorIdentifier.forUid("deduplicate"),
            new MeasureDedupIds(dedupHorizon),
            Types.STRING,
            type);
    DataStream<Measured> articles =
        reader.readKeyedState(
            OperatorIdentifier.forUid("article-spread"),
            new MeasureArticles(spread),
            Types.STRING,
            type);
    List<Measured> sampledIds = new ArrayList<>();
    List<Measured> allArticles = new ArrayList<>();
    try (CloseableIterator<Measured> results =
        ids.union(articles)
            .filter(measured -> !Double.isNaN(measured.heapBytes()))
            .executeAndCollect("measure the bench's savepoint on the heap")) {
      results.forEachRemaining(
          measured -> (measured.article() ? allArticles : sampledIds).add(measured));
    }
    return new Result(
        sampledIds.size(),
        sampledIds.stream().mapToDouble(Measured::heapBytes).sum(),
        allArticles.size(),
        allArticles.stream().mapToDouble(Measured::heapBytes).sum(),
        allArticles.stream().mapToLong(Measured::nodes).sum(),
        allArticles.stream().mapToDouble(Measured::nodesHeapBytes).sum(),
        allArticles.stream().mapToLong(Measured::nodesStateBytes).sum(),
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * One in {@link #DEDUP_SAMPLE_EVERY} held ids: the id, its flag with TTL, the backend's entry.
   */
  static final class MeasureDedupIds extends KeyedStateReaderFunction<String, Measured> {

    private final Duration horizon;
    private transient ValueState<Boolean> seen;
    private transient long read;
    private transient double perEntry;

    MeasureDedupIds(Duration horizon) {
      this.horizon = horizon;
    }

    @Override
    public void open(OpenContext context) {
      seen = getRuntimeContext().getState(DeduplicateEvents.seenDescriptor(horizon));
      // The flag is the shared Boolean.TRUE; its TTL wrapper is the id's own.
      perEntry =
          HeapSize.of(new TtlValue<>(Boolean.TRUE, 0L))
              - HeapSize.of(Boolean.TRUE)
              + HeapSize.stateEntry();
    }

    /**
     * The id's bytes, or NaN for an id not sampled: every key must yield a record, since the
     * reader's source passes a key that yields none on as a null record, which fails the job.
     */
    @Override
    public void readKey(String eventId, Context context, Collector<Measured> out) throws Exception {
      boolean sampled = read++ % DEDUP_SAMPLE_EVERY == 0 && seen.value() != null;
      out.collect(Measured.id(sampled ? HeapSize.of(eventId) + perEntry : Double.NaN));
    }
  }

  /** Every article: its spread state read whole, split into the share tree and the rest. */
  static final class MeasureArticles extends KeyedStateReaderFunction<String, Measured> {

    private final SpreadSettings settings;
    private transient ArticleSpreadState state;
    private transient TypeSerializer<ShareNode> nodeSerializer;
    private transient DataOutputSerializer buffer;

    MeasureArticles(SpreadSettings settings) {
      this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
      state = new ArticleSpreadState(getRuntimeContext(), settings);
      nodeSerializer = getRuntimeContext().createSerializer(TypeInformation.of(ShareNode.class));
      buffer = new DataOutputSerializer(256);
    }

    @Override
    public void readKey(String articleId, Context context, Collector<Measured> out)
        throws Exception {
      ArticleSpreadState.Contents held = state.contents();
      double heap = HeapSize.of(articleId, held.summary(), held.viewerSketch());
      long states = 1; // the share tree's own entry counts with the article
      states += held.summary() == null ? 0 : 1;
      states += held.viewerSketch() == null ? 0 : 1;
      for (Map<String, ?> map :
          List.of(
              held.viewers(),
              held.pending(),
              held.waitingFor(),
              held.channelDays(),
              held.outlets())) {
        if (!map.isEmpty()) {
          states++;
          heap += HeapSize.ofMap(map);
        }
      }
      Map<String, ShareNode> nodes = held.shares();
      out.collect(
          new Measured(
              true,
              heap + states * HeapSize.stateEntry(),
              nodes.size(),
              HeapSize.ofMap(nodes),
              serializedBytes(nodes)));
    }

    /**
     * The nodes as a savepoint writes a map state's entries: key, null flag, value. The map's own
     * length and the key-group framing are the article's, not the nodes'.
     */
    private long serializedBytes(Map<String, ShareNode> nodes) throws Exception {
      long bytes = 0;
      for (Map.Entry<String, ShareNode> node : nodes.entrySet()) {
        buffer.clear();
        StringSerializer.INSTANCE.serialize(node.getKey(), buffer);
        buffer.writeBoolean(false);
        nodeSerializer.serialize(node.getValue(), buffer);
        bytes += buffer.length();
      }
      return bytes;
    }
  }
}
