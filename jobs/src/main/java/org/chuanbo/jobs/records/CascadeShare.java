package org.chuanbo.jobs.records;

/**
 * A share attached to its article's tree (a {@code chuanbo.share_cascade} row): under its parent
 * share, or under the root (the article) when it came directly or its parent never arrived.
 *
 * @param parentShareId the parent share, null under the root
 * @param viaShareId the share the SHARE event said it came through (differs from the parent only
 *     when that share never arrived: {@code parentMissing})
 * @param generation depth in the tree: children of the root are generation 1
 */
public record CascadeShare(
    String articleId,
    String shareId,
    String parentShareId,
    String viaShareId,
    int generation,
    String channel,
    String office,
    long eventTimeMillis,
    boolean parentMissing) {}
