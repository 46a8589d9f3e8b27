package org.chuanbo.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BacklogRuleTest {

  /** Behind when reading records more than 30 s old, caught up below 10 s. */
  private final BacklogRule rule = BacklogRule.of(Duration.ofSeconds(5));

  @Test
  void readingRecordsOlderThanThirtySecondsIsABacklog() {
    assertThat(rule.behind(false, lag(30_000))).isFalse();
    assertThat(rule.behind(false, lag(30_001))).isTrue();
    assertThat(rule.behind(false, lag(86_400_000))).as("a day's outage").isTrue();
  }

  @Test
  void aBacklogEndsWhenTheRecordsReadAreLessThanTenSecondsOld() {
    assertThat(rule.behind(true, lag(10_000))).isTrue();
    assertThat(rule.behind(true, lag(9_999))).isFalse();
  }

  @Test
  void betweenTheTwoBoundsTheLastDecisionStands() {
    assertThat(rule.behind(false, lag(20_000))).isFalse();
    assertThat(rule.behind(true, lag(20_000))).isTrue();
  }

  @Test
  void withNothingReadLatelyThereIsNothingToCatchUpOn() {
    assertThat(rule.behind(true, OptionalLong.empty())).isFalse();
    assertThat(rule.behind(false, OptionalLong.empty())).isFalse();
  }

  @Test
  void theBoundsMustLeaveRoomBetweenThem() {
    assertThatThrownBy(
            () ->
                new BacklogRule(
                    Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be less than");
  }

  private static OptionalLong lag(long millis) {
    return OptionalLong.of(millis);
  }
}
