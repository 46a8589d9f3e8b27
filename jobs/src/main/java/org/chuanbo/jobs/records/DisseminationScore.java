package org.chuanbo.jobs.records;

/**
 * The dissemination index of one article and the points each component contributed (DOMAIN.md
 * "Dissemination index"): {@code di} is the rounded sum of the points.
 *
 * @param configVersion the version of {@code schemas/dissemination-index/} the index was computed
 *     with
 */
public record DisseminationScore(
    double di,
    double reach,
    double views,
    double engagements,
    double shares,
    double reposts,
    double depth,
    double channels,
    int configVersion) {}
