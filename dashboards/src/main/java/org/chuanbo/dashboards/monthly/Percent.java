package org.chuanbo.dashboards.monthly;

/** A share as a fraction (0.0523 = 5.23%): shown as a percentage, stored as the fraction. */
public record Percent(double fraction) {}
