package org.chuanbo.jobs.spread;

/**
 * A share attached to an article's tree, as kept in state: its parent (null under the root) and its
 * generation (children of the root are 1). A Flink POJO: public fields, no-argument constructor.
 */
public final class ShareNode {
  public String parentShareId;
  public int generation;

  public ShareNode() {}

  public ShareNode(String parentShareId, int generation) {
    this.parentShareId = parentShareId;
    this.generation = generation;
  }
}
