package org.chuanbo.dashboards.monthly;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A city-wide report with every section filled, figures made up but consistent. */
final class SampleReport {

  static final List<String> OFFICE_NAMES = List.of("贺州市", "八步区", "平桂区", "钟山县", "昭平县", "富川瑶族自治县");

  private SampleReport() {}

  static MonthlyReport cityWide() {
    ReportMonth month = ReportMonth.parse("2026-10");
    List<String> codes = List.of("hz", "bb", "pg", "zs", "zp", "fc");
    List<MonthlyFigures> offices = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      offices.add(figures(codes.get(i), OFFICE_NAMES.get(i), 12_000 - i * 1_500));
    }
    List<MonthlyFigures> channels =
        List.of(
            figures("WECHAT", "贺州先锋微信公众号", 30_000),
            figures("APP", "党建APP", 12_000),
            figures("TV", "《党旗如画》电视", 2_500));
    List<MonthlyFigures> series =
        List.of(figures("我是党员", "我是党员", 20_000), figures("", "（无栏目）", 4_000));
    List<MonthlyFigures> days = new ArrayList<>();
    for (LocalDate d = month.firstDay(); !d.isAfter(month.lastDay()); d = d.plusDays(1)) {
      days.add(figures(d.toString(), d.toString(), 800 + (d.getDayOfMonth() * 37) % 600));
    }
    List<TopPiece> top = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      top.add(
          new TopPiece(
              "article-" + i,
              i == 0 ? "第一书记李芳：把烤烟种成致富果，带领全村走上了一条长长的致富路" : "优秀共产党员｜第" + i + "篇",
              OFFICE_NAMES.get(i % 6),
              "我是党员",
              "2026-10-0" + (1 + i % 9) + " 08:00",
              5_000 - i * 100,
              812.4 - i * 10,
              290.1,
              180.2,
              120.3,
              80.4,
              60.5,
              50.6,
              30.3 - i * 10,
              14_271,
              11_973,
              900,
              549,
              1,
              4,
              5));
    }
    return new MonthlyReport(
        month,
        ReportScope.ALL,
        Instant.parse("2026-11-02T01:30:00Z"),
        figures("", "合计", 44_500),
        figures("", "合计", 40_000),
        MonthlyFigures.none("", "合计"),
        offices,
        channels,
        series,
        days,
        top,
        List.of(
            new OutletReposts("新华网", 12, 5, "2026-10-03 09:12"),
            new OutletReposts("今日头条", 7, 7, "2026-10-01 10:00")),
        List.of(
            new CascadeGeneration(1, 400, 80, 3),
            new CascadeGeneration(2, 120, 40, 0),
            new CascadeGeneration(3, 9, 4, 0)),
        new DataQuality(61_000, 1_234, 3_725_000, 17, 310, 120, 95, 42L));
  }

  static MonthlyFigures figures(String key, String name, long views) {
    return new MonthlyFigures(
        key,
        name,
        views + views / 10,
        views,
        views - views / 20,
        views * 3 / 4,
        views / 25,
        views / 1000,
        views / 50,
        views / 200,
        views / 25 + views / 1000 + views / 50 + views / 200,
        views * 41_000L,
        views / 2,
        views / 1000);
  }
}
