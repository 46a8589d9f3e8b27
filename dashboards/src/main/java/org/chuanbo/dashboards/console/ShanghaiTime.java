package org.chuanbo.dashboards.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Instants as query parameters: the report queries declare them {@code DateTime('Asia/Shanghai')}
 * or {@code DateTime64(3, 'Asia/Shanghai')}, so the text passed is Shanghai local time, whatever
 * the time zone of this machine or of the server.
 */
public final class ShanghaiTime {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZONE);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

  private ShanghaiTime() {}

  /** For a {@code DateTime('Asia/Shanghai')} parameter. */
  public static String seconds(Instant instant) {
    return SECONDS.format(instant);
  }

  /** For a {@code DateTime64(3, 'Asia/Shanghai')} parameter. */
  public static String millis(Instant instant) {
    return MILLIS.format(instant);
  }

  /** For people: {@code 2026-11-25 10:32}. */
  public static String minute(Instant instant) {
    return MINUTE.format(instant);
  }
}
