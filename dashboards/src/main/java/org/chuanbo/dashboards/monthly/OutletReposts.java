package org.chuanbo.dashboards.monthly;

/** An outlet that reposted (转载) the office's pieces in the month (monthly_outlets.sql). */
public record OutletReposts(String outlet, long reposts, long pieces, String firstRepostAt) {}
