package org.chuanbo.jobs.tables;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants the way ClickHouse parses DateTime / DateTime64 text for columns declared in
 * {@code Asia/Shanghai}: local wall time in that zone (DOMAIN.md: days and months are Shanghai's).
 */
final class ShanghaiTime {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZONE);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

  private ShanghaiTime() {}

  static String millis(long epochMillis) {
    return MILLIS.format(Instant.ofEpochMilli(epochMillis));
  }

  static String seconds(long epochMillis) {
    return SECONDS.format(Instant.ofEpochMilli(epochMillis));
  }
}
