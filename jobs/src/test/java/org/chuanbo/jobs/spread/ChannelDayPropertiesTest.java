package org.chuanbo.jobs.spread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.chuanbo.jobs.records.PlatformReport;

/**
 * A platform's revisions replace each other, never add up: whatever order the reports of one
 * article, channel and day arrive in (repeats included), the one with the latest as_of — ties: the
 * greater report id — is what counts, and the effective count is the greater of it and the counted
 * events.
 */
class ChannelDayPropertiesTest {

  @Provide
  Arbitrary<List<PlatformReport>> reportsInSomeOrder() {
    Arbitrary<PlatformReport> report =
        Arbitraries.integers()
            .between(0, 30)
            .flatMap(
                id ->
                    Arbitraries.longs()
                        .between(0, 10)
                        .flatMap(
                            asOf ->
                                Arbitraries.longs()
                                    .between(0, 500)
                                    .map(
                                        views ->
                                            new PlatformReport(
                                                "wx-" + id,
                                                "a1",
                                                "WECHAT",
                                                20_000,
                                                asOf * 3_600_000L,
                                                views,
                                                views / 10,
                                                views / 20,
                                                views / 50))));
    return report
        .list()
        .ofMinSize(1)
        .ofMaxSize(12)
        .flatMap(
            reports -> {
              List<PlatformReport> withRepeats = new ArrayList<>(reports);
              withRepeats.add(reports.get(0)); // a re-delivery
              return Arbitraries.shuffle(withRepeats);
            });
  }

  @Property(tries = 500)
  void theLatestReportWinsInAnyArrivalOrder(
      @ForAll("reportsInSomeOrder") List<PlatformReport> reports,
      @ForAll("counted") long countedViews) {
    ChannelDay day = new ChannelDay();
    day.countedViews = countedViews;
    for (PlatformReport report : reports) {
      day.offer(report);
    }
    PlatformReport latest =
        reports.stream()
            .max(
                Comparator.comparingLong(PlatformReport::asOfMillis)
                    .thenComparing(PlatformReport::reportId))
            .orElseThrow();
    // Two reports may share an id and as_of with different counts only in broken input; the
    // generator above can make that, so compare with what the first of them said.
    PlatformReport expected =
        reports.stream()
            .filter(
                r ->
                    r.asOfMillis() == latest.asOfMillis() && r.reportId().equals(latest.reportId()))
            .findFirst()
            .orElseThrow();
    assertThat(day.reportId).isEqualTo(expected.reportId());
    assertThat(day.reportAsOfMillis).isEqualTo(expected.asOfMillis());
    assertThat(day.reportedViews).isEqualTo(expected.views());
    assertThat(day.views()).isEqualTo(Math.max(countedViews, expected.views()));
  }

  @Provide
  Arbitrary<Long> counted() {
    return Arbitraries.longs().between(0, 600);
  }
}
