package org.chuanbo.schemas.records;

import static org.chuanbo.schemas.RejectReason.MISSING_VALUE;
import static org.chuanbo.schemas.RejectReason.UNKNOWN_SYMBOL;

import java.util.List;
import org.chuanbo.schemas.ValidationProblem;

/** Our own channels (the 矩阵); symbols of the Avro enum {@code org.chuanbo.avro.Channel}. */
public enum Channel {
  /** 贺州先锋 WeChat official account. */
  WECHAT,
  /** 寿城党旗红 smart party-building website. */
  WEBSITE,
  /** The party-building mobile app. */
  APP,
  /** 《党旗如画》 TV programme. */
  TV,
  /** 《党旗如画》 radio programme. */
  RADIO,
  /** 党员远程教育网 remote-education network. */
  REMOTE_EDU,
  /** A channel added by a newer writer; such events are rejected until the reader is upgraded. */
  UNKNOWN;

  /** The rule every record with a channel shares: present, and one this reader knows. */
  static void check(List<ValidationProblem> problems, Channel channel) {
    if (channel == null) {
      problems.add(new ValidationProblem("channel", MISSING_VALUE, "missing"));
    } else if (channel == UNKNOWN) {
      problems.add(
          new ValidationProblem(
              "channel", UNKNOWN_SYMBOL, "a channel this reader does not know (newer writer)"));
    }
  }
}
