package org.chuanbo.jobs.spread;

/**
 * A share whose parent ({@code viaShareId}) has not arrived yet: it waits to be attached under it.
 * A Flink POJO: public fields, no-argument constructor.
 */
public final class PendingShare {
  public String shareId;
  public String viaShareId;
  public String channel;
  public String office;
  public long eventTimeMillis;

  public PendingShare() {}

  public PendingShare(
      String shareId, String viaShareId, String channel, String office, long eventTimeMillis) {
    this.shareId = shareId;
    this.viaShareId = viaShareId;
    this.channel = channel;
    this.office = office;
    this.eventTimeMillis = eventTimeMillis;
  }
}
