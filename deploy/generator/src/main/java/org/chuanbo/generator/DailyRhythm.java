package org.chuanbo.generator;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import org.chuanbo.schemas.records.Channel;

/**
 * When people read, watch and listen, in Asia/Shanghai time: phones peak at breakfast, lunch and
 * before bed; the website in office hours; TV in the evening after the news; radio on the morning
 * drive; the remote-education network in the morning and afternoon study sessions of weekdays.
 * Night is quiet everywhere. Each profile averages 1 over a weekday, so it moves interest within
 * the day without changing its amount; weekends scale it.
 */
final class DailyRhythm {

  private static final double[] PHONE = {
    0.25, 0.12, 0.06, 0.04, 0.04, 0.10, 0.35, 0.90, 1.50, 1.30, 1.00, 1.10,
    1.60, 1.40, 0.90, 0.85, 0.90, 1.00, 1.10, 1.30, 1.60, 1.70, 1.30, 0.60
  };
  private static final double[] OFFICE_HOURS = {
    0.10, 0.05, 0.03, 0.02, 0.02, 0.05, 0.15, 0.50, 1.30, 1.90, 2.00, 1.70,
    0.90, 0.80, 1.60, 1.90, 1.80, 1.30, 0.60, 0.50, 0.60, 0.60, 0.40, 0.20
  };
  private static final double[] EVENING_TV = {
    0.15, 0.05, 0.02, 0.02, 0.02, 0.05, 0.20, 0.60, 0.50, 0.40, 0.40, 0.50,
    1.40, 1.30, 0.50, 0.40, 0.40, 0.60, 1.20, 2.60, 3.20, 2.60, 1.40, 0.50
  };
  private static final double[] MORNING_RADIO = {
    0.10, 0.05, 0.02, 0.02, 0.05, 0.30, 1.40, 2.60, 2.40, 1.20, 0.80, 1.00,
    1.50, 1.20, 0.60, 0.60, 0.80, 1.60, 1.90, 1.10, 0.70, 0.50, 0.30, 0.20
  };
  private static final double[] STUDY_SESSIONS = {
    0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.10, 0.40, 1.50, 2.60, 2.80, 1.80,
    0.40, 0.30, 1.60, 2.60, 2.70, 1.60, 0.40, 0.80, 1.50, 1.20, 0.40, 0.10
  };

  private DailyRhythm() {}

  /** The relative activity of a channel in the hour that contains {@code localTime}. */
  static double weight(Channel channel, LocalDateTime localTime) {
    double[] profile =
        switch (channel) {
          case WECHAT, APP, UNKNOWN -> PHONE;
          case WEBSITE -> OFFICE_HOURS;
          case TV -> EVENING_TV;
          case RADIO -> MORNING_RADIO;
          case REMOTE_EDU -> STUDY_SESSIONS;
        };
    return profile[localTime.getHour()] / mean(profile) * dayFactor(channel, localTime);
  }

  private static double dayFactor(Channel channel, LocalDateTime localTime) {
    DayOfWeek day = localTime.getDayOfWeek();
    if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
      return 1.0;
    }
    return switch (channel) {
      case WECHAT, APP, UNKNOWN -> 0.85;
      case WEBSITE -> 0.55;
      case TV -> 1.10;
      case RADIO -> 0.80;
      case REMOTE_EDU -> 0.35;
    };
  }

  private static double mean(double[] profile) {
    double sum = 0;
    for (double v : profile) {
      sum += v;
    }
    return sum / profile.length;
  }
}
