package org.chuanbo.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.jobs.functions.TestEvents.BEGINNING;
import static org.chuanbo.jobs.functions.TestEvents.view;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.chuanbo.jobs.records.ArticleVersion;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.junit.jupiter.api.Test;

class JoinArticleOfficeTest {

  private static ArticleVersion article(String id, String office, long updatedAt) {
    return new ArticleVersion(id, "我是党员", office, "", "ARTICLE", "李编辑", BEGINNING, updatedAt);
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, EnrichedEvent, ArticleVersion, EnrichedEvent>
      harness() throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new JoinArticleOffice(Duration.ofSeconds(30))),
        EnrichedEvent::articleId,
        ArticleVersion::articleId,
        Types.STRING);
  }

  @Test
  void shouldHoldEventsUntilTheirArticleArrives() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.processElement1(new StreamRecord<>(view("e1", BEGINNING, "art-1")));
      assertThat(harness.extractOutputValues()).isEmpty();
      harness.processElement2(new StreamRecord<>(article("art-1", "zs", 1)));
      harness.processElement1(new StreamRecord<>(view("e2", BEGINNING, "art-1")));
      assertThat(harness.extractOutputValues())
          .extracting(EnrichedEvent::office)
          .containsExactly("zs", "zs");
      assertThat(harness.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void shouldReleaseEventsAsUnknownAfterTheWaitBound() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.setProcessingTime(0);
      harness.processElement1(new StreamRecord<>(view("e1", BEGINNING, "art-2")));
      harness.setProcessingTime(Duration.ofSeconds(31).toMillis());
      assertThat(harness.extractOutputValues())
          .extracting(EnrichedEvent::office)
          .containsExactly(EnrichedEvent.UNKNOWN_OFFICE);
      assertThat(harness.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void shouldKeepTheLatestArticleVersion() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.processElement2(new StreamRecord<>(article("art-3", "hz", 20)));
      harness.processElement2(new StreamRecord<>(article("art-3", "bb", 10)));
      harness.processElement1(new StreamRecord<>(view("e1", BEGINNING, "art-3")));
      assertThat(harness.extractOutputValues())
          .extracting(EnrichedEvent::office)
          .containsExactly("hz");
    }
  }
}
