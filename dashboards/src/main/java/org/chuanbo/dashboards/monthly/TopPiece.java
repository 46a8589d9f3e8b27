package org.chuanbo.dashboards.monthly;

/**
 * One of the month's top pieces by DI (monthly_top_pieces.sql): the piece, its VIEW events in the
 * month, and its dissemination index with every component's points and the values behind them
 * (chuanbo.article_spread, the piece's whole history).
 */
public record TopPiece(
    String articleId,
    String title,
    String office,
    String series,
    String publishedAt,
    long periodViews,
    double di,
    double diReach,
    double diViews,
    double diEngagements,
    double diShares,
    double diReposts,
    double diDepth,
    double diChannels,
    long views,
    long reach,
    long engagements,
    long shares,
    long reposts,
    long maxDepth,
    long channels) {}
