package org.chuanbo.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.chuanbo.jobs.functions.TestEvents.BEGINNING;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.chuanbo.jobs.records.ArticleSpread;
import org.chuanbo.jobs.records.CascadeShare;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.chuanbo.jobs.records.PlatformReport;
import org.chuanbo.jobs.spread.DisseminationIndex;
import org.chuanbo.jobs.spread.SpreadSettings;
import org.junit.jupiter.api.Test;

/**
 * The spread of one hand-built article, fed to the operator out of order: deepest share first, one
 * person on two channels, WeChat reports revised and a stale one arriving last.
 */
class TrackArticleSpreadTest {

  private static final long MINUTE = 60_000;
  private static final long DAY =
      LocalDate.ofInstant(java.time.Instant.ofEpochMilli(BEGINNING), ZoneId.of("Asia/Shanghai"))
          .toEpochDay();

  private static EnrichedEvent event(
      String id,
      String type,
      int minute,
      String channel,
      String reachKey,
      String share,
      String via) {
    return new EnrichedEvent(
        id,
        type,
        BEGINNING + minute * MINUTE,
        "a1",
        "hz",
        channel,
        "u-" + id,
        null,
        reachKey,
        "MOBILE",
        null,
        share,
        via,
        type.equals("REPOST") ? reachKey : null,
        null,
        new HashMap<>(),
        BEGINNING + minute * MINUTE);
  }

  private static EnrichedEvent share(String id, int minute, String channel, String via) {
    return event("e-" + id, "SHARE", minute, channel, "u:" + channel + ":" + id, id, via);
  }

  private static PlatformReport report(String id, int asOfHour, long views) {
    long asOf = BEGINNING + 86_400_000L + asOfHour * 3_600_000L;
    return new PlatformReport(id, "a1", "WECHAT", DAY, asOf, views, 10, 7, 3);
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, EnrichedEvent, PlatformReport, ArticleSpread>
      harness(SpreadSettings settings) throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(
            new TrackArticleSpread(settings, DisseminationIndex.current())),
        EnrichedEvent::articleId,
        PlatformReport::articleId,
        Types.STRING);
  }

  @Test
  void shouldBuildTheCascadeAndSpreadWhateverTheOrder() throws Exception {
    try (var harness = harness(SpreadSettings.defaults())) {
      harness.open();
      harness.setProcessingTime(0);
      // root → s1 → s2 → s3 → s4, root → s5; the deepest share arrives first.
      harness.processElement1(new StreamRecord<>(share("s4", 40, "WECHAT", "s3")));
      harness.processElement1(new StreamRecord<>(share("s3", 30, "WECHAT", "s2")));
      harness.processElement1(new StreamRecord<>(share("s2", 20, "WECHAT", "s1")));
      harness.processElement1(new StreamRecord<>(share("s5", 50, "APP", null)));
      assertThat(harness.getSideOutput(TrackArticleSpread.CASCADE)).hasSize(1);
      harness.processElement1(new StreamRecord<>(share("s1", 10, "WECHAT", null)));
      // Views: alice directly on WeChat and through s1 on the website (one person), bob through
      // s2, a set-top box directly.
      harness.processElement1(
          new StreamRecord<>(event("v1", "VIEW", 1, "WECHAT", "p:alice", null, null)));
      harness.processElement1(
          new StreamRecord<>(event("v2", "VIEW", 11, "WEBSITE", "p:alice", null, "s1")));
      harness.processElement1(
          new StreamRecord<>(event("v3", "VIEW", 21, "WECHAT", "u:WECHAT:bob", null, "s2")));
      harness.processElement1(
          new StreamRecord<>(event("v4", "VIEW", 5, "TV", "u:TV:box1", null, null)));
      harness.processElement1(
          new StreamRecord<>(event("r1", "REPOST", 60, "WEBSITE", "新华网", null, null)));
      harness.processElement1(
          new StreamRecord<>(event("r2", "REPOST", 61, "WEBSITE", "新华网", null, null)));
      harness.processElement1(
          new StreamRecord<>(event("r3", "REPOST", 55, "APP", "今日头条", null, null)));
      harness.processElement1(
          new StreamRecord<>(event("l1", "LIKE", 3, "WECHAT", "x", null, null)));
      harness.processElement1(
          new StreamRecord<>(event("c1", "COMMENT", 4, "APP", "y", null, null)));
      // WeChat's reports: 100, revised to 120, then a stale 90 (older as_of) arriving last.
      harness.processElement2(new StreamRecord<>(report("wx-1", 8, 100)));
      harness.processElement2(new StreamRecord<>(report("wx-2", 14, 120)));
      harness.processElement2(new StreamRecord<>(report("wx-0", 6, 90)));

      assertThat(harness.extractOutputValues()).as("nothing before the emit interval").isEmpty();
      harness.setProcessingTime(1_000);
      List<ArticleSpread> revisions = harness.extractOutputValues();
      assertThat(revisions).hasSize(1);
      ArticleSpread spread = revisions.get(0);

      Map<String, String> parents =
          harness.getSideOutput(TrackArticleSpread.CASCADE).stream()
              .map(StreamRecord::getValue)
              .collect(
                  Collectors.toMap(
                      CascadeShare::shareId, s -> s.parentShareId() + "/" + s.generation()));
      assertThat(parents)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("s1", "null/1", "s2", "s1/2", "s3", "s2/3", "s4", "s3/4", "s5", "null/1"));

      assertThat(spread.revision()).isEqualTo(1);
      assertThat(spread.office()).isEqualTo("hz");
      assertThat(spread.countedViews()).isEqualTo(4);
      assertThat(spread.directViews()).isEqualTo(2);
      assertThat(spread.viaShareViews()).isEqualTo(2);
      assertThat(spread.amplification()).isEqualTo(1.0);
      assertThat(spread.reach()).as("alice counts once across channels").isEqualTo(3);
      assertThat(spread.reachExact()).isTrue();
      // WeChat that day: max(2 counted, 120 reported) + website 1 + TV 1.
      assertThat(spread.views()).isEqualTo(122);
      // Shares: WeChat max(4, 10) + app 1; likes max(1, 7); comments app 1 + WeChat max(0, 3).
      assertThat(spread.shares()).isEqualTo(11);
      assertThat(spread.countedShares()).isEqualTo(5);
      assertThat(spread.likes()).isEqualTo(7);
      assertThat(spread.comments()).isEqualTo(4);
      assertThat(spread.reposts()).isEqualTo(3);
      assertThat(spread.outlets()).isEqualTo(2);
      assertThat(spread.engagements()).isEqualTo(7 + 4 + 11 + 3);
      assertThat(spread.firstRepostAtMillis()).isEqualTo(BEGINNING + 55 * MINUTE);
      assertThat(spread.channels()).as("viewed on WeChat, website, TV").isEqualTo(3);
      assertThat(spread.cascadeShares()).isEqualTo(5);
      assertThat(spread.pendingShares()).isZero();
      assertThat(spread.maxDepth()).isEqualTo(4);
      assertThat(spread.meanDepth()).isCloseTo(2.2, within(1e-12));
      assertThat(spread.sharesPerGeneration()).containsExactly(2, 1, 1, 1);
      // Wiener index 5 + 8 + 9 + 8 + 5 = 35 over 15 pairs.
      assertThat(spread.structuralVirality()).isCloseTo(35.0 / 15, within(1e-12));
      assertThat(spread.score().di())
          .isEqualTo(DisseminationIndex.current().score(3, 122, 25, 11, 3, 4, 3).di());

      // Nothing new: no further revision, no timer left behind.
      harness.setProcessingTime(5_000);
      assertThat(harness.extractOutputValues()).hasSize(1);
      assertThat(harness.numProcessingTimeTimers()).isZero();

      // A further view makes one more revision, numbered after the first.
      harness.processElement1(
          new StreamRecord<>(event("v5", "VIEW", 70, "RADIO", "u:RADIO:r", null, null)));
      harness.processElement1(
          new StreamRecord<>(event("v6", "VIEW", 71, "RADIO", "u:RADIO:q", null, null)));
      harness.setProcessingTime(6_000);
      ArticleSpread next = harness.extractOutputValues().get(1);
      assertThat(next.revision()).isEqualTo(2);
      assertThat(next.views()).isEqualTo(124);
      assertThat(next.channels()).isEqualTo(4);
    }
  }

  @Test
  void shouldEstimateReachWithASketchPastTheExactLimitWithinItsStatedBound() throws Exception {
    try (var harness = harness(SpreadSettings.defaults().withExactReachLimit(1_000))) {
      harness.open();
      harness.setProcessingTime(0);
      int viewers = 30_000;
      for (int i = 0; i < viewers; i++) {
        String who = "u:APP:" + i;
        harness.processElement1(
            new StreamRecord<>(event("v" + i, "VIEW", 1, "APP", who, null, null)));
        if (i % 3 == 0) { // repeat visits do not add reach
          harness.processElement1(
              new StreamRecord<>(event("w" + i, "VIEW", 2, "APP", who, null, null)));
        }
      }
      harness.setProcessingTime(1_000);
      ArticleSpread spread = harness.extractOutputValues().get(0);
      assertThat(spread.reachExact()).isFalse();
      // The stated bound: ±2.5% (three relative standard errors of lgK = 14).
      assertThat((double) spread.reach()).isCloseTo(viewers, within(viewers * 0.025));
      assertThat(spread.countedViews()).isEqualTo(viewers + viewers / 3);
    }
  }

  @Test
  void shouldGiveUpOnAMissingParentOnceTheArticlesEventTimeHasMovedOnADay() throws Exception {
    try (var harness = harness(SpreadSettings.defaults())) {
      harness.open();
      harness.setProcessingTime(0);
      harness.processElement1(new StreamRecord<>(share("orphan", 0, "WECHAT", "never-sent")));
      harness.processElement1(new StreamRecord<>(share("child", 5, "WECHAT", "orphan")));
      // Within the day: still waiting.
      harness.processElement1(
          new StreamRecord<>(event("v1", "VIEW", 23 * 60, "WECHAT", "u:WECHAT:a", null, null)));
      assertThat(harness.getSideOutput(TrackArticleSpread.CASCADE)).isNull();
      // A day and a minute later: the orphan goes under the root, its child under it.
      harness.processElement1(
          new StreamRecord<>(event("v2", "VIEW", 24 * 60 + 1, "WECHAT", "u:WECHAT:b", null, null)));
      Map<String, String> attached =
          harness.getSideOutput(TrackArticleSpread.CASCADE).stream()
              .map(StreamRecord::getValue)
              .collect(
                  Collectors.toMap(
                      CascadeShare::shareId,
                      c -> c.parentShareId() + "/" + c.generation() + "/" + c.parentMissing()));
      assertThat(attached)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("orphan", "null/1/true", "child", "orphan/2/false"));
      harness.setProcessingTime(1_000);
      ArticleSpread spread = harness.extractOutputValues().get(0);
      assertThat(spread.orphanedShares()).isEqualTo(1);
      assertThat(spread.pendingShares()).isZero();
      assertThat(spread.maxDepth()).isEqualTo(2);
    }
  }
}
