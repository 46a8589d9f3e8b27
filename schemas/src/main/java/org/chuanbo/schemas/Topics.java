package org.chuanbo.schemas;

/**
 * The Kafka topics of the contract (ARCHITECTURE.md), named in one place for every producer,
 * consumer and tool.
 */
public final class Topics {

  /** Events, one record per thing that happened to an article; key: {@code article_id}. */
  public static final String EVENTS = "chuanbo.events";

  /** Article versions from the CMS, compacted; key: {@code article_id}. */
  public static final String ARTICLES = "chuanbo.articles";

  /**
   * Counts that a platform (WeChat) reports per article, channel and Shanghai day, revised over
   * days; key: {@code article_id}. The report with the latest {@code as_of} wins.
   */
  public static final String PLATFORM_COUNTS = "chuanbo.platform_counts";

  /** Records the job rejected: the original bytes, with headers that say why, whence and when. */
  public static final String EVENTS_DLQ = "chuanbo.events.dlq";

  private Topics() {}
}
