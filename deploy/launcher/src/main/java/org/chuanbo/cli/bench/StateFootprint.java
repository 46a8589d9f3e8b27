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

  /** One article: heap without its share tree, and the tree's nodes, heap and serialized bytes. */
  public record Article(
      double heapBytes, long nodes, double nodesHeapBytes, long nodesStateBytes) {}

  private StateFootprint() {}

  static Result measure(String savepoint, Duration dedupHorizon, SpreadSettings spread)
      throws Exception {
    long start = System.nanoTime();
    StreamExecutionEnvironment environment = StreamExecutionEnvironment.getExecutionEnvironment();
    SavepointReader reader =
        SavepointReader.read(environment, savepoint, new HashMapStateBackend());
    // Both operators in one job: one local cluster started, not two.
    CloseableIterator<Double> idResults =
        reader
            .readKeyedState(
                OperatorIdentifier.forUid("deduplicate"),
                new MeasureDedupIds(dedupHorizon),
                Types.STRING,
                Types.DOUBLE)
            .filter(bytes -> !Double.isNaN(bytes))
            .collectAsync();
    CloseableIterator<Article> articleResults =
        reader
            .readKeyedState(
                OperatorIdentifier.forUid("article-spread"),
                new MeasureArticles(spread),
                Types.STRING,
                TypeInformation.of(Article.class))
            .collectAsync();
    // Drained while the job runs: once it has ended, its local cluster is gone with what the
    // iterators had not fetched yet.
    environment.executeAsync("measure the bench's savepoint on the heap");
    List<Double> ids = drain(idResults);
    List<Article> articles = drain(articleResults);
    return new Result(
        ids.size(),
        ids.stream().mapToDouble(Double::doubleValue).sum(),
        articles.size(),
        articles.stream().mapToDouble(Article::heapBytes).sum(),
        articles.stream().mapToLong(Article::nodes).sum(),
        articles.stream().mapToDouble(Article::nodesHeapBytes).sum(),
        articles.stream().mapToLong(Article::nodesStateBytes).sum(),
        (System.nanoTime() - start) / 1e9);
  }

  private static <T> List<T> drain(CloseableIterator<T> results) throws Exception {
    List<T> all = new ArrayList<>();
    try (results) {
      results.forEachRemaining(all::add);
    }
    return all;
  }

  /**
   * One in {@link #DEDUP_SAMPLE_EVERY} held ids: the id, its flag with TTL, the backend's entry.
   */
  static final class MeasureDedupIds extends KeyedStateReaderFunction<String, Double> {

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
     * reader's source takes a key that yields none for the end of its input.
     */
    @Override
    public void readKey(String eventId, Context context, Collector<Double> out) throws Exception {
      boolean sampled = read++ % DEDUP_SAMPLE_EVERY == 0 && seen.value() != null;
      out.collect(sampled ? HeapSize.of(eventId) + perEntry : Double.NaN);
    }
  }

  /** Every article: its spread state read whole, split into the share tree and the rest. */
  static final class MeasureArticles extends KeyedStateReaderFunction<String, Article> {

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
    public void readKey(String articleId, Context context, Collector<Article> out)
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
          new Article(
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
