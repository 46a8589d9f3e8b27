package org.chuanbo.jobs.spread;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.chuanbo.jobs.records.CascadeShare;

/**
 * Builds one article's share tree (DOMAIN.md "Share cascades") from SHARE events in any order. A
 * share with no {@code via_share_id} is a child of the root (the article); one whose parent is in
 * the tree is attached under it at once; one whose parent has not arrived waits, and is attached
 * when the parent is (with every share waiting on it, transitively). Collectors deliver out of
 * order, so a child often comes first.
 *
 * <p>Waiting is bounded: a share is given up on once the article's own event time has run {@code
 * maxWaitMillis} past it, or when more than {@code maxPending} shares wait (the oldest first); it
 * is then attached under the root, flagged {@code parentMissing}, and counted. Judging by the
 * article's event time rather than the wall clock makes the tree a function of the events alone, so
 * a replay after a restart builds the same one.
 *
 * <p>The tree lives in a {@link Store} (Flink keyed state in the job, a map in tests). Each share
 * is attached exactly once and never moved, so every {@link CascadeShare} returned is final.
 */
public final class ShareTree {

  /** Where the tree of one article is kept. */
  public interface Store {
    ShareNode node(String shareId) throws Exception;

    void putNode(String shareId, ShareNode node) throws Exception;

    PendingShare pending(String shareId) throws Exception;

    void putPending(PendingShare share) throws Exception;

    void removePending(String shareId) throws Exception;

    /** Ids of the shares waiting for {@code parentShareId}, forgotten once returned. */
    List<String> takeWaitingFor(String parentShareId) throws Exception;

    void addWaitingFor(String parentShareId, String shareId) throws Exception;

    Iterable<PendingShare> allPending() throws Exception;
  }

  private final String articleId;
  private final Store store;
  private final long maxWaitMillis;
  private final long maxPending;

  public ShareTree(String articleId, Store store, long maxWaitMillis, long maxPending) {
    this.articleId = articleId;
    this.store = store;
    this.maxWaitMillis = maxWaitMillis;
    this.maxPending = maxPending;
  }

  /** What one call changed: the shares attached now, and how many stopped or started waiting. */
  public record Change(List<CascadeShare> attached, long pendingDelta, long givenUp) {
    static final Change NONE = new Change(List.of(), 0, 0);

    Change plus(Change other) {
      if (other.attached.isEmpty() && other.pendingDelta == 0 && other.givenUp == 0) {
        return this;
      }
      List<CascadeShare> all = new ArrayList<>(attached);
      all.addAll(other.attached);
      return new Change(all, pendingDelta + other.pendingDelta, givenUp + other.givenUp);
    }
  }

  /**
   * Adds one SHARE. A share id seen before (attached or waiting) changes nothing: a repeated id
   * must not open a second node.
   */
  public Change add(PendingShare share) throws Exception {
    if (store.node(share.shareId) != null || store.pending(share.shareId) != null) {
      return Change.NONE;
    }
    if (share.viaShareId == null) {
      return attach(share, null, 1, false, 0);
    }
    ShareNode parent = store.node(share.viaShareId);
    if (parent != null) {
      return attach(share, share.viaShareId, parent.generation + 1, false, 0);
    }
    store.putPending(share);
    store.addWaitingFor(share.viaShareId, share.shareId);
    return new Change(List.of(), 1, 0);
  }

  /**
   * Gives up on the shares that waited too long: those more than the wait bound older than {@code
   * articleEventTime}, then the oldest while more than {@code maxPending} wait.
   */
  public Change giveUp(long articleEventTime, long pendingCount) throws Exception {
    List<PendingShare> due = new ArrayList<>();
    List<PendingShare> all = new ArrayList<>();
    for (PendingShare share : store.allPending()) {
      all.add(share);
      if (giveUpAt(share) < articleEventTime) {
        due.add(share);
      }
    }
    long excess = pendingCount - due.size() - maxPending;
    if (excess > 0) {
      all.removeAll(due);
      all.sort(OLDEST_FIRST);
      due.addAll(all.subList(0, (int) Math.min(excess, all.size())));
    }
    due.sort(OLDEST_FIRST);
    Change change = Change.NONE;
    for (PendingShare share : due) {
      // An earlier give-up in this loop may have attached it already, as a descendant.
      if (store.pending(share.shareId) != null) {
        change = change.plus(attach(share, null, 1, true, 1));
      }
    }
    return change;
  }

  /**
   * The article event time after which {@link #giveUp} could find a share due: the oldest waiting
   * share's time plus the wait bound, or {@code Long.MAX_VALUE} when none waits.
   */
  public long nextGiveUpAt() throws Exception {
    long next = Long.MAX_VALUE;
    for (PendingShare share : store.allPending()) {
      next = Math.min(next, giveUpAt(share));
    }
    return next;
  }

  /** When the article's event time passes this, a waiting share is given up on. */
  public long giveUpAt(PendingShare share) {
    return share.eventTimeMillis + maxWaitMillis;
  }

  private static final Comparator<PendingShare> OLDEST_FIRST =
      Comparator.<PendingShare>comparingLong(s -> s.eventTimeMillis).thenComparing(s -> s.shareId);

  /** One share to attach, and where. */
  private record Attachment(
      PendingShare share, String parentId, int generation, boolean parentMissing) {}

  /** Attaches a share and, transitively, every share that waited for it. */
  private Change attach(
      PendingShare first, String parentId, int generation, boolean parentMissing, long givenUp)
      throws Exception {
    List<CascadeShare> attached = new ArrayList<>();
    long pendingDelta = 0;
    Deque<Attachment> work = new ArrayDeque<>();
    work.push(new Attachment(first, parentId, generation, parentMissing));
    while (!work.isEmpty()) {
      Attachment next = work.pop();
      PendingShare share = next.share();
      if (store.pending(share.shareId) != null) {
        store.removePending(share.shareId);
        pendingDelta--;
      }
      store.putNode(share.shareId, new ShareNode(next.parentId(), next.generation()));
      attached.add(
          new CascadeShare(
              articleId,
              share.shareId,
              next.parentId(),
              share.viaShareId,
              next.generation(),
              share.channel,
              share.office,
              share.eventTimeMillis,
              next.parentMissing()));
      for (String childId : store.takeWaitingFor(share.shareId)) {
        PendingShare child = store.pending(childId);
        if (child != null) {
          work.push(new Attachment(child, share.shareId, next.generation() + 1, false));
        }
      }
    }
    return new Change(attached, pendingDelta, givenUp);
  }
}
