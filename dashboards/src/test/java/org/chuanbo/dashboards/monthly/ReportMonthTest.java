package org.chuanbo.dashboards.monthly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportMonthTest {

  @Test
  void shouldBoundAMonthAtShanghaiMidnight() {
    ReportMonth october = ReportMonth.parse("2026-10");

    assertThat(october.from()).isEqualTo(Instant.parse("2026-09-30T16:00:00Z"));
    assertThat(october.to()).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
    assertThat(october.parameters(ReportScope.HZ))
        .containsEntry("from", "2026-10-01 00:00:00.000")
        .containsEntry("to", "2026-11-01 00:00:00.000")
        .containsEntry("from_day", "2026-10-01")
        .containsEntry("to_day", "2026-10-31")
        .containsEntry("office", "hz");
    assertThat(october.parameters(ReportScope.ALL)).containsEntry("office", "");
    assertThat(october.previous()).isEqualTo(ReportMonth.parse("2026-09"));
    assertThat(ReportMonth.parse("2026-01").previous()).isEqualTo(ReportMonth.parse("2025-12"));
    assertThat(october.sameMonthLastYear()).isEqualTo(ReportMonth.parse("2025-10"));
    assertThat(october.label()).isEqualTo("2026年10月");
  }

  @Test
  void shouldRefuseWhatIsNotAMonthSayingWhy() {
    assertThatThrownBy(() -> ReportMonth.parse("2026-13"))
        .hasMessage(
            "--month must be a month as YYYY-MM (e.g. 2026-10), got '2026-13': there is no month 13");
    for (String bad : new String[] {"2026-1", "202610", "2026-10-01", "", "oct"}) {
      assertThatThrownBy(() -> ReportMonth.parse(bad))
          .hasMessage("--month must be a month as YYYY-MM (e.g. 2026-10), got '" + bad + "'");
    }
  }

  @Test
  void shouldKnowTheSixOfficesAndAll() {
    assertThat(ReportScope.parse("fc").displayName()).isEqualTo("富川瑶族自治县");
    assertThat(ReportScope.parse("ALL")).isEqualTo(ReportScope.ALL);
    assertThatThrownBy(() -> ReportScope.parse("xx"))
        .hasMessage("--office must be one of hz, bb, pg, zs, zp, fc, all, got 'xx'");
  }
}
