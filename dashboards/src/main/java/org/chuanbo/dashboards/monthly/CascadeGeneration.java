package org.chuanbo.dashboards.monthly;

/** The month's shares at one generation of their share trees (monthly_depth.sql). */
public record CascadeGeneration(int generation, long shares, long pieces, long parentMissing) {}
