package org.chuanbo.jobs.spread;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.chuanbo.jobs.records.ArticleSpread;
import org.chuanbo.jobs.records.CascadeShare;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.PlatformReport;

/**
 * One article's spread in Flink keyed state (the current key is the article): a small {@link
 * SpreadSummary} touched by every event, and map state for what grows with the article — its
 * viewers (until the sketch takes over), share tree, channel-days and outlets. Each map is read
 * whole only when a revision is written, at most once per emit interval.
 */
public final class ArticleSpreadState implements ShareTree.Store {

  /** Shanghai has kept UTC+8 all year since 1991, so its day is a fixed offset from UTC. */
  private static final long SHANGHAI_OFFSET_MILLIS = 8 * 3_600_000L;

  private static final long DAY_MILLIS = 86_400_000L;

  private final SpreadSettings settings;
  private final ValueState<SpreadSummary> summary;
  private final MapState<String, Boolean> viewers;
  private final ValueState<byte[]> viewerSketch;
  private final MapState<String, ShareNode> shares;
  private final MapState<String, PendingShare> pending;
  private final MapState<String, List<String>> waitingFor;
  private final MapState<String, ChannelDay> channelDays;
  private final MapState<String, Boolean> outlets;

  public ArticleSpreadState(RuntimeContext context, SpreadSettings settings) {
    this.settings = settings;
    summary = context.getState(new ValueStateDescriptor<>("summary", SpreadSummary.class));
    viewers = context.getMapState(new MapStateDescriptor<>("viewers", Types.STRING, Types.BOOLEAN));
    viewerSketch =
        context.getState(
            new ValueStateDescriptor<>(
                "viewer-sketch", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    shares = context.getMapState(new MapStateDescriptor<>("shares", String.class, ShareNode.class));
    pending =
        context.getMapState(
            new MapStateDescriptor<>("pending-shares", String.class, PendingShare.class));
    waitingFor =
        context.getMapState(
            new MapStateDescriptor<>("waiting-for", Types.STRING, Types.LIST(Types.STRING)));
    channelDays =
        context.getMapState(
            new MapStateDescriptor<>("channel-days", String.class, ChannelDay.class));
    outlets = context.getMapState(new MapStateDescriptor<>("outlets", Types.STRING, Types.BOOLEAN));
  }

  /**
   * What one input changed: the shares it attached to the tree (usually none, or itself), and the
   * processing time to set a timer for the next revision, or null when one is already set.
   */
  public record Update(List<CascadeShare> attached, Long revisionTimer) {}

  /**
   * Counts one event and marks a revision as due at {@code revisionDueAt} unless one already is.
   */
  public Update add(EnrichedEvent event, String articleId, long revisionDueAt) throws Exception {
    SpreadSummary s = current();
    if (s.office == null || !EnrichedEvent.UNKNOWN_OFFICE.equals(event.office())) {
      s.office = event.office();
    }
    s.latestEventTimeMillis = Math.max(s.latestEventTimeMillis, event.eventTimeMillis());
    List<CascadeShare> attached = List.of();
    switch (event.eventType()) {
      case "VIEW" -> {
        s.countedViews++;
        if (event.viaShareId() == null) {
          s.directViews++;
        } else {
          s.viaShareViews++;
        }
        channelDay(event, day -> day.countedViews++);
        addViewer(s, event.reachKey());
      }
      case "SHARE" -> {
        s.countedShares++;
        channelDay(event, day -> day.countedShares++);
        ShareTree tree = tree(articleId);
        PendingShare share =
            new PendingShare(
                event.shareId(),
                event.viaShareId(),
                event.channel(),
                event.office(),
                event.eventTimeMillis());
        ShareTree.Change change = tree.add(share);
        if (change.pendingDelta() > 0) {
          s.nextGiveUpAtMillis = Math.min(s.nextGiveUpAtMillis, tree.giveUpAt(share));
        }
        attached = apply(s, change);
      }
      case "REPOST" -> {
        s.reposts++;
        if (!outlets.contains(event.outlet())) {
          outlets.put(event.outlet(), Boolean.TRUE);
          s.outlets++;
        }
        if (s.firstRepostAtMillis == null || event.eventTimeMillis() < s.firstRepostAtMillis) {
          s.firstRepostAtMillis = event.eventTimeMillis();
        }
      }
      case "LIKE" -> channelDay(event, day -> day.countedLikes++);
      case "COMMENT" -> channelDay(event, day -> day.countedComments++);
      default -> throw new IllegalArgumentException("unexpected event type " + event.eventType());
    }
    if (s.pendingShares > 0
        && (s.latestEventTimeMillis > s.nextGiveUpAtMillis
            || s.pendingShares > settings.maxPendingShares())) {
      ShareTree tree = tree(articleId);
      List<CascadeShare> givenUp = apply(s, tree.giveUp(s.latestEventTimeMillis, s.pendingShares));
      s.nextGiveUpAtMillis = tree.nextGiveUpAt();
      if (!givenUp.isEmpty()) {
        List<CascadeShare> all = new ArrayList<>(attached);
        all.addAll(givenUp);
        attached = all;
      }
    }
    Long timer = scheduleRevision(s, revisionDueAt);
    summary.update(s);
    return new Update(attached, timer);
  }

  /**
   * Takes a platform report if it is the newest for its channel and day; then a revision is due at
   * {@code revisionDueAt} unless one already is. Returns the timer to set, or null.
   */
  public Long offer(PlatformReport report, long revisionDueAt) throws Exception {
    String key = report.channel() + "|" + report.epochDay();
    ChannelDay day = channelDays.get(key);
    if (day == null) {
      day = new ChannelDay();
    }
    if (!day.offer(report)) {
      return null;
    }
    channelDays.put(key, day);
    SpreadSummary s = current();
    Long timer = scheduleRevision(s, revisionDueAt);
    summary.update(s);
    return timer;
  }

  /**
   * Everything this article holds, each map state as one {@link HashMap} — the shape the heap
   * backend keeps it in. Read whole; for measuring what an article costs, not for the hot path.
   */
  public record Contents(
      SpreadSummary summary,
      Map<String, Boolean> viewers,
      byte[] viewerSketch,
      Map<String, ShareNode> shares,
      Map<String, PendingShare> pending,
      Map<String, List<String>> waitingFor,
      Map<String, ChannelDay> channelDays,
      Map<String, Boolean> outlets) {}

  public Contents contents() throws Exception {
    return new Contents(
        summary.value(),
        copy(viewers),
        viewerSketch.value(),
        copy(shares),
        copy(pending),
        copy(waitingFor),
        copy(channelDays),
        copy(outlets));
  }

  private static <V> Map<String, V> copy(MapState<String, V> state) throws Exception {
    Map<String, V> copy = new HashMap<>();
    for (Map.Entry<String, V> entry : state.entries()) {
      copy.put(entry.getKey(), entry.getValue());
    }
    return copy;
  }

  /** One revision per interval however many changes came in: the timer is set once. */
  private static Long scheduleRevision(SpreadSummary s, long at) {
    if (s.emitAtMillis != 0) {
      return null;
    }
    s.emitAtMillis = at;
    return at;
  }

  /** The article's spread as of now: the next revision. */
  public ArticleSpread nextRevision(String articleId, DisseminationIndex index, long now)
      throws Exception {
    SpreadSummary s = current();
    s.emitAtMillis = 0;
    s.revision++;
    summary.update(s);

    long views = 0;
    long sharesEffective = 0;
    long likes = 0;
    long comments = 0;
    Map<String, Long> viewsByChannel = new HashMap<>();
    for (Map.Entry<String, ChannelDay> entry : channelDays.entries()) {
      ChannelDay day = entry.getValue();
      views += day.views();
      sharesEffective += day.shares();
      likes += day.likes();
      comments += day.comments();
      String channel = entry.getKey().substring(0, entry.getKey().indexOf('|'));
      viewsByChannel.merge(channel, day.views(), Long::sum);
    }
    int channels = (int) viewsByChannel.values().stream().filter(v -> v > 0).count();
    long engagements = likes + comments + sharesEffective + s.reposts;
    StructuralVirality.Result virality = structuralVirality();
    return new ArticleSpread(
        articleId,
        s.revision,
        s.office == null ? EnrichedEvent.UNKNOWN_OFFICE : s.office,
        views,
        s.countedViews,
        s.directViews,
        s.viaShareViews,
        s.reach,
        !s.reachSketched,
        sharesEffective,
        s.countedShares,
        s.reposts,
        likes,
        comments,
        engagements,
        s.outlets,
        s.firstRepostAtMillis,
        s.cascadeShares,
        s.pendingShares,
        s.orphanedShares,
        s.maxDepth,
        s.cascadeShares == 0 ? 0.0 : (double) s.depthSum / s.cascadeShares,
        s.sharesPerGeneration.clone(),
        s.directViews == 0 ? null : (double) s.viaShareViews / s.directViews,
        virality.value(),
        virality.estimated(),
        channels,
        index.score(s.reach, views, engagements, sharesEffective, s.reposts, s.maxDepth, channels),
        now);
  }

  private SpreadSummary current() throws Exception {
    SpreadSummary s = summary.value();
    return s == null ? new SpreadSummary() : s;
  }

  private ShareTree tree(String articleId) {
    return new ShareTree(
        articleId, this, settings.shareParentWait().toMillis(), settings.maxPendingShares());
  }

  private List<CascadeShare> apply(SpreadSummary s, ShareTree.Change change) {
    s.pendingShares += change.pendingDelta();
    s.orphanedShares += change.givenUp();
    for (CascadeShare share : change.attached()) {
      s.addShareAt(share.generation());
    }
    return change.attached();
  }

  /** Reach: exact while the article has few enough viewers, then the sketch takes over. */
  private void addViewer(SpreadSummary s, String reachKey) throws Exception {
    if (s.reachSketched) {
      byte[] sketch = viewerSketch.value();
      if (ViewerSketch.add(sketch, reachKey)) {
        viewerSketch.update(sketch);
        s.reach = ViewerSketch.estimate(sketch);
      }
      return;
    }
    if (viewers.contains(reachKey)) {
      return;
    }
    viewers.put(reachKey, Boolean.TRUE);
    s.reach++;
    if (s.reach > settings.exactReachLimit()) {
      byte[] sketch = ViewerSketch.of(viewers.keys());
      viewers.clear();
      viewerSketch.update(sketch);
      s.reachSketched = true;
      s.reach = ViewerSketch.estimate(sketch);
    }
  }

  private interface DayUpdate {
    void apply(ChannelDay day);
  }

  private void channelDay(EnrichedEvent event, DayUpdate update) throws Exception {
    long day = Math.floorDiv(event.eventTimeMillis() + SHANGHAI_OFFSET_MILLIS, DAY_MILLIS);
    String key = event.channel() + "|" + day;
    ChannelDay counts = channelDays.get(key);
    if (counts == null) {
      counts = new ChannelDay();
    }
    update.apply(counts);
    channelDays.put(key, counts);
  }

  private StructuralVirality.Result structuralVirality() throws Exception {
    List<String> ids = new ArrayList<>();
    List<ShareNode> nodes = new ArrayList<>();
    Map<String, Integer> indexOf = new HashMap<>();
    for (Map.Entry<String, ShareNode> entry : shares.entries()) {
      indexOf.put(entry.getKey(), ids.size() + 1);
      ids.add(entry.getKey());
      nodes.add(entry.getValue());
    }
    int n = ids.size() + 1;
    int[] parent = new int[n];
    int[] depth = new int[n];
    for (int i = 1; i < n; i++) {
      ShareNode node = nodes.get(i - 1);
      parent[i] = node.parentShareId == null ? 0 : indexOf.get(node.parentShareId);
      depth[i] = node.generation;
    }
    return StructuralVirality.of(parent, depth, settings.exactViralityLimit());
  }

  // ShareTree.Store over this article's map state.

  @Override
  public ShareNode node(String shareId) throws Exception {
    return shares.get(shareId);
  }

  @Override
  public void putNode(String shareId, ShareNode node) throws Exception {
    shares.put(shareId, node);
  }

  @Override
  public PendingShare pending(String shareId) throws Exception {
    return pending.get(shareId);
  }

  @Override
  public void putPending(PendingShare share) throws Exception {
    pending.put(share.shareId, share);
  }

  @Override
  public void removePending(String shareId) throws Exception {
    pending.remove(shareId);
  }

  @Override
  public List<String> takeWaitingFor(String parentShareId) throws Exception {
    List<String> children = waitingFor.get(parentShareId);
    if (children == null) {
      return List.of();
    }
    waitingFor.remove(parentShareId);
    return children;
  }

  @Override
  public void addWaitingFor(String parentShareId, String shareId) throws Exception {
    List<String> children = waitingFor.get(parentShareId);
    List<String> updated = children == null ? new ArrayList<>() : new ArrayList<>(children);
    updated.add(shareId);
    waitingFor.put(parentShareId, updated);
  }

  @Override
  public Iterable<PendingShare> allPending() throws Exception {
    return pending.values();
  }
}
