package org.chuanbo.jobs.spread;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A share tree kept in plain maps, for testing {@link ShareTree} without Flink. */
final class InMemoryShareStore implements ShareTree.Store {

  final Map<String, ShareNode> nodes = new HashMap<>();
  final Map<String, PendingShare> pending = new HashMap<>();
  final Map<String, List<String>> waiting = new HashMap<>();

  @Override
  public ShareNode node(String shareId) {
    return nodes.get(shareId);
  }

  @Override
  public void putNode(String shareId, ShareNode node) {
    nodes.put(shareId, node);
  }

  @Override
  public PendingShare pending(String shareId) {
    return pending.get(shareId);
  }

  @Override
  public void putPending(PendingShare share) {
    pending.put(share.shareId, share);
  }

  @Override
  public void removePending(String shareId) {
    pending.remove(shareId);
  }

  @Override
  public List<String> takeWaitingFor(String parentShareId) {
    List<String> children = waiting.remove(parentShareId);
    return children == null ? List.of() : children;
  }

  @Override
  public void addWaitingFor(String parentShareId, String shareId) {
    waiting.computeIfAbsent(parentShareId, p -> new ArrayList<>()).add(shareId);
  }

  @Override
  public Iterable<PendingShare> allPending() {
    return new ArrayList<>(pending.values());
  }
}
