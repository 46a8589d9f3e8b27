package org.chuanbo.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.records.Terminal;

/** Shared fixtures: one clock and records with every optional field set or unset. */
public final class TestRecords {

  /** The reader's clock in every test. */
  public static final Instant NOW = Instant.parse("2026-07-01T02:00:00Z");

  public static final Instant ONE_HOUR_AGO = NOW.minusSeconds(3600);

  private TestRecords() {}

  /** A SHARE made through another share, with every field set and Chinese text. */
  public static DisseminationEvent fullEvent() {
    return DisseminationEvent.builder()
        .eventId("ev-0001")
        .eventType(EventType.SHARE)
        .eventTime(ONE_HOUR_AGO.plusMillis(123))
        .articleId("hz-2026-0612")
        .channel(Channel.WECHAT)
        .userId("oWx_9f3k2")
        .personId("person-42")
        .terminal(Terminal.MOBILE)
        .region("广西壮族自治区贺州市八步区")
        .shareId("share-7")
        .viaShareId("share-3")
        .outlet("今日头条")
        .durationMs(45_000L)
        .attributes(Map.of("collector", "贺州先锋-统计", "app_version", "3.2.1"))
        .build();
  }

  /** A VIEW with only the required fields. */
  public static DisseminationEvent minimalEvent() {
    return DisseminationEvent.builder()
        .eventId("ev-0002")
        .eventType(EventType.VIEW)
        .eventTime(ONE_HOUR_AGO)
        .articleId("hz-2026-0612")
        .channel(Channel.TV)
        .userId("stb-000123")
        .build();
  }

  /** An article with every field set. */
  public static Article fullArticle() {
    return new Article(
        "hz-2026-0612",
        "党旗如画｜瑶乡新村里的“红色管家”",
        "fc",
        "《党旗如画》",
        ContentType.VIDEO,
        "编辑张三",
        Instant.parse("2026-06-12T01:30:00Z"),
        Instant.parse("2026-06-12T03:05:00.250Z"));
  }

  /** An article without its optional series. */
  public static Article minimalArticle() {
    return new Article(
        "bb-2026-0001",
        "八步区：一次采集、多种生成、多平台发布",
        "bb",
        null,
        ContentType.ARTICLE,
        "li.si",
        Instant.parse("2026-06-01T00:00:00Z"),
        Instant.parse("2026-06-01T00:00:00Z"));
  }

  /**
   * WeChat's revised counts for yesterday (Shanghai) of a piece, taken this morning at 08:00
   * Shanghai, two hours before {@link #NOW}.
   */
  public static PlatformCount platformCount() {
    return new PlatformCount(
        "wx-00000000000000a1",
        "hz-2026-0612",
        Channel.WECHAT,
        LocalDate.of(2026, 6, 30),
        Instant.parse("2026-07-01T00:00:00.250Z"),
        1_523,
        87,
        41,
        12);
  }
}
