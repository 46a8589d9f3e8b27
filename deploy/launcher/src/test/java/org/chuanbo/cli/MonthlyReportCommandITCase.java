package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.chuanbo.dashboards.console.ShanghaiTime;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./chuanbo report monthly} through the real command line against rows this test inserts
 * (fresh article ids, months in 2015–2017 that no other test uses): every figure of every section,
 * in the CSV files and the workbook, equals a recount done here in Java from the inserted rows
 * (effective views by the platform-count rule, reach as distinct people over the month); the PDF
 * carries the Chinese title and the office names and every page renders; Shanghai month boundaries
 * hold to the millisecond; bad arguments get one line.
 */
class MonthlyReportCommandITCase {

  private static final YearMonth AUGUST = YearMonth.of(2017, 8);
  private static final List<String> OFFICES = List.of("hz", "bb", "zs");
  private static final Map<String, String> OFFICE_NAMES =
      Map.of("hz", "贺州市", "bb", "八步区", "pg", "平桂区", "zs", "钟山县");
  private static final List<String> CHANNELS = List.of("WECHAT", "APP", "TV");
  private static final Map<String, String> CHANNEL_NAMES =
      Map.of("WECHAT", "贺州先锋微信公众号", "APP", "党建APP", "TV", "《党旗如画》电视");
  private static final List<String> TYPES =
      List.of("VIEW", "VIEW", "VIEW", "VIEW", "SHARE", "LIKE", "COMMENT", "REPOST");
  private static final List<String> OUTLETS = List.of("新华网", "网易", "今日头条");

  private record Article(String id, String office, String series, Instant publishedAt) {}

  private record Event(
      String type,
      Instant time,
      Article article,
      String channel,
      String reachKey,
      Long durationMs,
      String outlet,
      Instant ingestedAt) {
    LocalDate day() {
      return time.atZone(ShanghaiTime.ZONE).toLocalDate();
    }
  }

  private record Report(
      Article article,
      String channel,
      LocalDate day,
      Instant asOf,
      long views,
      long shares,
      long likes,
      long comments) {}

  private record Share(Article article, int generation, Instant time, boolean parentMissing) {}

  private record Spread(Article article, double[] points, double di) {}

  /** One (article, channel, Shanghai day): counted events and the latest platform report. */
  private static final class Cell3 {
    long views;
    long shares;
    long likes;
    long comments;
    long reposts;
    long engagedMs;
    long engagedCount;
    long events;
    Report report;
    Article article;
    String channel;
    LocalDate day;

    long effective(Function<Report, Long> reported, long counted) {
      return Math.max(counted, report == null ? 0 : reported.apply(report));
    }
  }

  @Test
  void shouldWriteEveryFigureAsRecountedFromTheInsertedRowsInXlsxCsvAndPdf() throws IOException {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String office = OFFICES.get(i % OFFICES.size());
      String series = i % 3 == 0 ? "" : (i % 3 == 1 ? "我是党员" : "第一书记");
      // Half published in August, the rest in July (still read in August).
      LocalDateTime published =
          (i % 2 == 0 ? AUGUST : AUGUST.minusMonths(1))
              .atDay(1 + random.nextInt(28))
              .atTime(LocalTime.ofSecondOfDay(random.nextInt(86_400)));
      articles.add(
          new Article(
              ReportTables.uniqueId("monthly"),
              office,
              series,
              published.atZone(ShanghaiTime.ZONE).toInstant()));
    }
    List<Event> events = new ArrayList<>();
    events.addAll(randomEvents(random, articles, AUGUST, 1_500));
    events.addAll(randomEvents(random, articles, AUGUST.minusMonths(1), 300));
    events.addAll(randomEvents(random, articles, AUGUST.minusYears(1), 200));
    // The platform's own reports on WeChat: two revisions per channel-day, the later one wins
    // whatever its size; some above the counted events, some below.
    List<Report> reports = new ArrayList<>();
    for (Article a : articles) {
      List<Integer> days = new ArrayList<>();
      for (int d = 1; d <= AUGUST.lengthOfMonth(); d++) {
        days.add(d);
      }
      java.util.Collections.shuffle(days, random);
      for (int d : days.subList(0, 3)) {
        LocalDate day = AUGUST.atDay(d);
        Instant asOf = day.plusDays(1).atTime(8, 0).atZone(ShanghaiTime.ZONE).toInstant();
        reports.add(new Report(a, "WECHAT", day, asOf, 999, 99, 99, 99));
        reports.add(
            new Report(
                a,
                "WECHAT",
                day,
                asOf.plus(Duration.ofHours(24)),
                random.nextInt(40),
                random.nextInt(5),
                random.nextInt(5),
                random.nextInt(3)));
      }
    }
    List<Report> latestReports = latest(reports);
    List<Share> shares = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Article a = articles.get(random.nextInt(articles.size()));
      shares.add(new Share(a, 1 + random.nextInt(4), randomTime(random, AUGUST), i % 17 == 0));
    }
    // One share the month before: not August's.
    shares.add(new Share(articles.get(0), 9, randomTime(random, AUGUST.minusMonths(1)), false));
    List<Spread> spreads = new ArrayList<>();
    for (Article a : articles) {
      double[] points = new double[7];
      double sum = 0;
      for (int k = 0; k < 7; k++) {
        points[k] = Math.round(random.nextDouble() * 1000) / 10.0;
        sum += points[k];
      }
      spreads.add(new Spread(a, points, Math.round(sum * 10) / 10.0));
    }
    insert(articles, events, reports, shares, spreads, random);
    insertRejectedRecords();
    reports = latestReports;

    Path out = Files.createDirectories(Path.of("target", "monthly-report-itcase", "seed-" + seed));
    String context = "seed " + seed;
    for (String office : List.of("all", "bb")) {
      CommandRun run = report("2017-08", office, "xlsx,csv,pdf", out);
      assertThat(run.exitCode()).as(context + "\n" + run.err()).isZero();
      assertThat(run.errLines()).allMatch(line -> line.startsWith("chuanbo: 月报 2017-08 " + office));
      Predicate<Article> mine = a -> office.equals("all") || a.office().equals(office);
      Map<String, List<List<String>>> expected =
          expectedSections(articles, events, reports, shares, spreads, mine, office);
      // The data exercise every rule: platform reports above the counts, reposts, shares, DI.
      assertThat(expected.get("top-pieces")).hasSize(office.equals("all") ? 12 : 4);
      assertThat(expected.get("outlets")).isNotEmpty();
      assertThat(expected.get("depth")).isNotEmpty();
      assertThat(expected.get("quality").get(2).get(0)).isNotEqualTo("0");
      assertThat(expected.get("quality").get(6).get(0)).isNotEqualTo("0");
      String stem = "chuanbo-monthly-2017-08-" + office;
      for (Map.Entry<String, List<List<String>>> section : expected.entrySet()) {
        List<List<String>> csv = readCsv(out.resolve(stem + "-" + section.getKey() + ".csv"));
        if (section.getKey().equals("quality")) {
          // The note's figures are its second column; the first names them, the third explains.
          csv = csv.stream().map(row -> List.of(row.get(1))).toList();
        }
        assertThat(csv.subList(1, csv.size()))
            .as(context + " " + office + " " + section.getKey())
            .isEqualTo(section.getValue());
      }
      assertWorkbookEqualsCsv(out, stem, context);
      assertPdf(out.resolve(stem + ".pdf"), office, out.resolve(stem + "-pages"));
      assertThat(run.out().lines().toList())
          .contains(out.resolve(stem + ".xlsx").toString(), out.resolve(stem + ".pdf").toString());
    }
  }

  @Test
  void shouldPutTheLastMillisecondOfAMonthInItAndMidnightInTheNextAndKeepToTheOffice()
      throws IOException {
    Article pg = new Article(ReportTables.uniqueId("boundary"), "pg", "", null);
    Article bb = new Article(ReportTables.uniqueId("boundary"), "bb", "", null);
    List<Event> events =
        List.of(
            view(pg, "2015-02-28T23:59:59.999"),
            view(pg, "2015-03-01T00:00:00.000"),
            view(pg, "2015-03-31T23:59:59.999"),
            view(pg, "2015-04-01T00:00:00.000"),
            view(bb, "2015-03-15T12:00:00.000"));
    insert(List.of(pg, bb), events, List.of(), List.of(), List.of(), new Random());
    Path out = Files.createDirectories(Path.of("target", "monthly-report-itcase", "boundary"));

    CommandRun march = report("2015-03", "pg", "csv", out);

    assertThat(march.exitCode()).as(march.err()).isZero();
    List<List<String>> daily = readCsv(out.resolve("chuanbo-monthly-2015-03-pg-daily.csv"));
    assertThat(daily).hasSize(1 + 31);
    assertThat(daily.get(1).subList(0, 2)).containsExactly("2015-03-01", "1");
    assertThat(daily.get(31).subList(0, 2)).containsExactly("2015-03-31", "1");
    assertThat(daily.subList(2, 31)).allMatch(row -> row.get(1).equals("0"));
    List<List<String>> kpi = readCsv(out.resolve("chuanbo-monthly-2015-03-pg-kpi.csv"));
    // March 2, February 1 (its last millisecond), last March nothing.
    assertThat(kpi.get(1)).containsExactly("阅读/播放量", "2", "1", "1.0", "0", "");
    List<List<String>> offices = readCsv(out.resolve("chuanbo-monthly-2015-03-pg-offices.csv"));
    assertThat(offices.subList(1, offices.size()))
        .extracting(row -> row.get(0))
        .containsExactly("pg");

    CommandRun april = report("2015-04", "pg", "csv", out);
    assertThat(april.exitCode()).as(april.err()).isZero();
    assertThat(readCsv(out.resolve("chuanbo-monthly-2015-04-pg-kpi.csv")).get(1))
        .containsExactly("阅读/播放量", "1", "2", "-0.5", "0", "");
    CommandRun city = report("2015-03", "all", "csv", out);
    assertThat(city.exitCode()).as(city.err()).isZero();
    assertThat(readCsv(out.resolve("chuanbo-monthly-2015-03-all-offices.csv")))
        .extracting(row -> row.get(0))
        .containsExactly("单位代码", "bb", "pg");
  }

  @Test
  void shouldSayInOneLineWhatIsWrong() {
    ReportTables.endpoint();
    Map<List<String>, String> cases = new LinkedHashMap<>();
    cases.put(
        List.of("--month", "2026-13"),
        "chuanbo: --month must be a month as YYYY-MM (e.g. 2026-10), got '2026-13': there is no"
            + " month 13 (see ./chuanbo report monthly --help)");
    cases.put(
        List.of("--month", "2026-10", "--office", "xx"),
        "chuanbo: --office must be one of hz, bb, pg, zs, zp, fc, all, got 'xx'"
            + " (see ./chuanbo report monthly --help)");
    cases.put(
        List.of("--month", "2026-10", "--format", "xlsx,doc"),
        "chuanbo: --format takes xlsx, csv and pdf, comma-separated; got 'doc'"
            + " (see ./chuanbo report monthly --help)");
    for (Map.Entry<List<String>, String> c : cases.entrySet()) {
      List<String> arguments = new ArrayList<>(List.of("report", "monthly"));
      arguments.addAll(c.getKey());
      CommandRun run = CommandRun.of(arguments.toArray(String[]::new));
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.errLines()).containsExactly(c.getValue());
    }

    CommandRun empty =
        CommandRun.of(
            "report",
            "monthly",
            "--month",
            "1990-01",
            "--office",
            "zp",
            "--clickhouse",
            ReportTables.url());
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.errLines())
        .last()
        .isEqualTo(
            "chuanbo: no events in 1990-01 for office zp in "
                + ReportTables.url()
                + "; nothing to report (is it the right month and ClickHouse?)");
    assertThat(empty.errLines()).hasSize(2);

    CommandRun unreachable =
        CommandRun.of(
            "report", "monthly", "--month", "2026-10", "--clickhouse", "http://127.0.0.1:1");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.errLines()).hasSize(1);
    assertThat(unreachable.errLines().get(0))
        .startsWith("chuanbo: cannot reach ClickHouse at http://127.0.0.1:1 (");
  }

  // ---- the recount

  /** Rejected in August 2017 by Kafka arrival (Shanghai): 3 + 2 of the rows below. */
  private static final long REJECTED_IN_AUGUST = 5;

  /**
   * The job's counts of rejected records and dropped duplicates: two rejects in August, one on
   * either side of it, and duplicates, which are not rejects.
   */
  private static void insertRejectedRecords() {
    try (Client client = ReportTables.endpoint().newClient()) {
      ReportTables.insert(
          client,
          "chuanbo.ingest_quality_minute",
          List.of(
              quality("2017-07-31 23:59:00", "rejected", "BAD_MARKER", 11),
              quality("2017-08-01 00:00:00", "rejected", "BAD_MARKER", 3),
              quality("2017-08-31 23:59:00", "rejected", "MISSING_VALUE", 2),
              quality("2017-08-10 12:00:00", "duplicate", "duplicate_event_id", 7),
              quality("2017-09-01 00:00:00", "rejected", "TOO_SHORT", 13)));
    }
  }

  private static Map<String, Object> quality(
      String minute, String outcome, String reason, long records) {
    return ReportTables.row(
        "minute",
        minute,
        "topic",
        "chuanbo.events",
        "outcome",
        outcome,
        "reason",
        reason,
        "records",
        records);
  }

  private static Map<String, List<List<String>>> expectedSections(
      List<Article> articles,
      List<Event> allEvents,
      List<Report> allReports,
      List<Share> allShares,
      List<Spread> spreads,
      Predicate<Article> mine,
      String office) {
    Map<String, List<List<String>>> sections = new LinkedHashMap<>();
    List<Event> events = allEvents.stream().filter(e -> mine.test(e.article())).toList();
    List<Report> reports = allReports.stream().filter(r -> mine.test(r.article())).toList();
    Totals august = totals(events, reports, articles, mine, AUGUST, e -> true, a -> true);
    Totals july =
        totals(events, reports, articles, mine, AUGUST.minusMonths(1), e -> true, a -> true);
    Totals lastYear =
        totals(events, reports, articles, mine, AUGUST.minusYears(1), e -> true, a -> true);
    List<List<String>> kpi = new ArrayList<>();
    kpi.add(compare("阅读/播放量", august.views, july.views, lastYear.views));
    kpi.add(compare("触达人数", august.reach, july.reach, lastYear.reach));
    kpi.add(compare("分享数", august.shares, july.shares, lastYear.shares));
    kpi.add(compare("转载数", august.reposts, july.reposts, lastYear.reposts));
    kpi.add(compare("互动数", august.engagements(), july.engagements(), lastYear.engagements()));
    kpi.add(compare("互动率", august.rate(), july.rate(), lastYear.rate()));
    kpi.add(compare("平均阅读/收看时长（秒）", august.seconds(), july.seconds(), lastYear.seconds()));
    kpi.add(compare("发布稿件数", august.published, july.published, lastYear.published));
    sections.put("kpi", kpi);

    List<List<String>> offices = new ArrayList<>();
    for (String code : List.of("hz", "bb", "pg", "zs", "zp", "fc")) {
      Totals t =
          totals(
              events,
              reports,
              articles,
              mine,
              AUGUST,
              e -> e.office().equals(code),
              a -> a.office().equals(code));
      if (t.events > 0 || t.views > 0 || t.published > 0) {
        offices.add(t.row(code, OFFICE_NAMES.get(code)));
      }
    }
    sections.put("offices", offices);

    List<Totals> channels = new ArrayList<>();
    Map<Totals, String> channelOf = new HashMap<>();
    for (String channel : CHANNELS) {
      Totals t =
          totals(
              events,
              reports,
              articles,
              mine,
              AUGUST,
              e -> e.channel().equals(channel),
              a -> false);
      if (t.events > 0 || t.views > 0) {
        channels.add(t);
        channelOf.put(t, channel);
      }
    }
    channels.sort(Comparator.<Totals>comparingLong(t -> -t.views).thenComparing(channelOf::get));
    sections.put(
        "channels",
        channels.stream()
            .map(t -> t.row(channelOf.get(t), CHANNEL_NAMES.get(channelOf.get(t))))
            .toList());

    List<Totals> series = new ArrayList<>();
    Map<Totals, String> seriesOf = new HashMap<>();
    for (String s : List.of("", "我是党员", "第一书记")) {
      Totals t =
          totals(
              events,
              reports,
              articles,
              mine,
              AUGUST,
              e -> e.series().equals(s),
              a -> a.series().equals(s));
      if (t.events > 0 || t.views > 0 || t.published > 0) {
        series.add(t);
        seriesOf.put(t, s);
      }
    }
    series.sort(Comparator.<Totals>comparingLong(t -> -t.views).thenComparing(seriesOf::get));
    sections.put(
        "series",
        series.stream()
            .map(t -> t.row(seriesOf.get(t), seriesOf.get(t).isEmpty() ? "（无栏目）" : seriesOf.get(t)))
            .toList());

    List<List<String>> daily = new ArrayList<>();
    for (int d = 1; d <= AUGUST.lengthOfMonth(); d++) {
      LocalDate day = AUGUST.atDay(d);
      Totals t =
          totals(
              events,
              reports,
              articles,
              mine,
              AUGUST,
              e -> e.day().equals(day),
              a -> a.publishedAt().atZone(ShanghaiTime.ZONE).toLocalDate().equals(day));
      daily.add(
          List.of(
              day.toString(),
              Long.toString(t.views),
              Long.toString(t.countedViews),
              Long.toString(t.reach),
              Long.toString(t.shares),
              Long.toString(t.engagements()),
              Long.toString(t.published)));
    }
    sections.put("daily", daily);

    // Top pieces: those with an August event, by DI, then August views, then id.
    Map<String, Long> periodViews = new HashMap<>();
    Set<String> active = new HashSet<>();
    for (Event e : events) {
      if (YearMonth.from(e.time().atZone(ShanghaiTime.ZONE)).equals(AUGUST)) {
        active.add(e.article().id());
        periodViews.merge(e.article().id(), e.type().equals("VIEW") ? 1L : 0L, Long::sum);
      }
    }
    List<Spread> top =
        spreads.stream()
            .filter(s -> active.contains(s.article().id()))
            .sorted(
                Comparator.<Spread>comparingDouble(s -> -s.di())
                    .thenComparing(s -> -periodViews.get(s.article().id()))
                    .thenComparing(s -> s.article().id()))
            .limit(20)
            .toList();
    List<List<String>> topRows = new ArrayList<>();
    int rank = 1;
    for (Spread s : top) {
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(rank++));
      row.add(s.article().id());
      row.add("标题 " + s.article().id());
      row.add(OFFICE_NAMES.get(s.article().office()));
      row.add(s.article().series());
      row.add(
          s.article()
              .publishedAt()
              .atZone(ShanghaiTime.ZONE)
              .toLocalDateTime()
              .toString()
              .replace('T', ' ')
              .substring(0, 16));
      row.add(Long.toString(periodViews.get(s.article().id())));
      row.add(plain(s.di()));
      for (double p : s.points()) {
        row.add(plain(p));
      }
      // The spread's own totals, as inserted (see spreadRow).
      row.addAll(List.of("1000", "800", "90", "40", "3", "4", "2"));
      topRows.add(row);
    }
    sections.put("top-pieces", topRows);

    Map<String, long[]> outlets = new TreeMap<>();
    Map<String, Set<String>> outletPieces = new HashMap<>();
    Map<String, Instant> firstRepost = new HashMap<>();
    for (Event e : events) {
      if (e.type().equals("REPOST")
          && YearMonth.from(e.time().atZone(ShanghaiTime.ZONE)).equals(AUGUST)) {
        outlets.computeIfAbsent(e.outlet(), k -> new long[1])[0]++;
        outletPieces.computeIfAbsent(e.outlet(), k -> new HashSet<>()).add(e.article().id());
        firstRepost.merge(e.outlet(), e.time(), (x, y) -> x.isBefore(y) ? x : y);
      }
    }
    sections.put(
        "outlets",
        outlets.entrySet().stream()
            .sorted(
                Comparator.<Map.Entry<String, long[]>>comparingLong(en -> -en.getValue()[0])
                    .thenComparing(Map.Entry::getKey))
            .map(
                en ->
                    List.of(
                        en.getKey(),
                        Long.toString(en.getValue()[0]),
                        Long.toString(outletPieces.get(en.getKey()).size()),
                        ShanghaiTime.minute(firstRepost.get(en.getKey()))))
            .toList());

    TreeMap<Integer, long[]> generations = new TreeMap<>();
    Map<Integer, Set<String>> generationPieces = new HashMap<>();
    for (Share s : allShares) {
      if (mine.test(s.article())
          && YearMonth.from(s.time().atZone(ShanghaiTime.ZONE)).equals(AUGUST)) {
        long[] counts = generations.computeIfAbsent(s.generation(), g -> new long[2]);
        counts[0]++;
        counts[1] += s.parentMissing() ? 1 : 0;
        generationPieces
            .computeIfAbsent(s.generation(), g -> new HashSet<>())
            .add(s.article().id());
      }
    }
    sections.put(
        "depth",
        generations.entrySet().stream()
            .map(
                g ->
                    List.of(
                        "第" + g.getKey() + "层",
                        Integer.toString(g.getKey()),
                        Long.toString(g.getValue()[0]),
                        Long.toString(generationPieces.get(g.getKey()).size()),
                        Long.toString(g.getValue()[1])))
            .toList());

    List<Event> augustEvents =
        events.stream()
            .filter(e -> YearMonth.from(e.time().atZone(ShanghaiTime.ZONE)).equals(AUGUST))
            .toList();
    long late =
        augustEvents.stream()
            .filter(e -> e.ingestedAt().isAfter(e.time().plus(Duration.ofHours(1))))
            .count();
    long maxLagMs =
        augustEvents.stream()
            .mapToLong(e -> Duration.between(e.time(), e.ingestedAt()).toMillis())
            .max()
            .orElse(0);
    Map<String, Cell3> cells = cells(events, reports, AUGUST);
    long reported = cells.values().stream().filter(c -> c.report != null).count();
    long above =
        cells.values().stream().filter(c -> c.report != null && c.report.views() > c.views).count();
    List<List<String>> quality = new ArrayList<>();
    quality.add(List.of(Long.toString(augustEvents.size())));
    quality.add(List.of(Long.toString(august.countedViews)));
    quality.add(List.of(Long.toString(august.views - august.countedViews)));
    quality.add(List.of(Long.toString(reported)));
    // Every reported channel-day got two revisions.
    quality.add(List.of(Long.toString(reported)));
    quality.add(List.of(Long.toString(above)));
    quality.add(List.of(Long.toString(late)));
    quality.add(List.of(plain(maxLagMs / 1000.0)));
    quality.add(List.of("0"));
    // The city's report counts the month's rejected records; an office's cannot attribute them.
    quality.add(List.of(office.equals("all") ? Long.toString(REJECTED_IN_AUGUST) : ""));
    sections.put("quality", quality);
    return sections;
  }

  /** A period's figures over the events and reports that {@code which} keeps. */
  private static final class Totals {
    long events;
    long views;
    long countedViews;
    long reach;
    long shares;
    long reposts;
    long likes;
    long comments;
    long engagedMs;
    long engagedCount;
    long published;

    long engagements() {
      return likes + comments + shares + reposts;
    }

    Double rate() {
      return views == 0 ? null : (double) engagements() / views;
    }

    Double seconds() {
      return engagedCount == 0 ? null : engagedMs / 1000.0 / engagedCount;
    }

    List<String> row(String key, String name) {
      return Arrays.asList(
          key,
          name,
          Long.toString(views),
          Long.toString(countedViews),
          Long.toString(reach),
          Long.toString(shares),
          Long.toString(reposts),
          Long.toString(likes),
          Long.toString(comments),
          Long.toString(engagements()),
          rate() == null ? "" : plain(rate()),
          seconds() == null ? "" : plain(seconds()),
          Long.toString(published));
    }
  }

  /** A filter on one (article, channel, day) cell and its events, for the breakdowns. */
  private record CellKey(String office, String channel, String series, LocalDate day) {}

  private static Totals totals(
      List<Event> events,
      List<Report> reports,
      List<Article> articles,
      Predicate<Article> mine,
      YearMonth month,
      Predicate<CellKey> cellFilter,
      Predicate<Article> publishedFilter) {
    Totals t = new Totals();
    Set<String> people = new HashSet<>();
    for (Cell3 c : cells(events, reports, month).values()) {
      CellKey key = new CellKey(c.article.office(), c.channel, c.article.series(), c.day);
      if (!cellFilter.test(key)) {
        continue;
      }
      t.events += c.events;
      t.countedViews += c.views;
      t.views += c.effective(Report::views, c.views);
      t.shares += c.effective(Report::shares, c.shares);
      t.likes += c.effective(Report::likes, c.likes);
      t.comments += c.effective(Report::comments, c.comments);
      t.reposts += c.reposts;
      t.engagedMs += c.engagedMs;
      t.engagedCount += c.engagedCount;
    }
    for (Event e : events) {
      CellKey key = new CellKey(e.article().office(), e.channel(), e.article().series(), e.day());
      if (e.type().equals("VIEW")
          && YearMonth.from(e.time().atZone(ShanghaiTime.ZONE)).equals(month)
          && cellFilter.test(key)) {
        people.add(e.reachKey());
      }
    }
    t.reach = people.size();
    for (Article a : articles) {
      if (mine.test(a)
          && publishedFilter.test(a)
          && YearMonth.from(a.publishedAt().atZone(ShanghaiTime.ZONE)).equals(month)) {
        t.published++;
      }
    }
    return t;
  }

  private static Map<String, Cell3> cells(
      List<Event> events, List<Report> reports, YearMonth month) {
    Map<String, Cell3> cells = new HashMap<>();
    for (Event e : events) {
      if (!YearMonth.from(e.time().atZone(ShanghaiTime.ZONE)).equals(month)) {
        continue;
      }
      Cell3 c = cell(cells, e.article(), e.channel(), e.day());
      c.events++;
      switch (e.type()) {
        case "VIEW" -> {
          c.views++;
          if (e.durationMs() != null) {
            c.engagedMs += e.durationMs();
            c.engagedCount++;
          }
        }
        case "SHARE" -> c.shares++;
        case "LIKE" -> c.likes++;
        case "COMMENT" -> c.comments++;
        case "REPOST" -> c.reposts++;
        default -> throw new IllegalStateException(e.type());
      }
    }
    for (Report r : reports) {
      if (YearMonth.from(r.day()).equals(month)) {
        cell(cells, r.article(), r.channel(), r.day()).report = r;
      }
    }
    return cells;
  }

  private static Cell3 cell(Map<String, Cell3> cells, Article a, String channel, LocalDate day) {
    return cells.computeIfAbsent(
        a.id() + "|" + channel + "|" + day,
        k -> {
          Cell3 c = new Cell3();
          c.article = a;
          c.channel = channel;
          c.day = day;
          return c;
        });
  }

  /** The latest as_of of each (article, channel, day): what the platform_counts view keeps. */
  private static List<Report> latest(List<Report> reports) {
    Map<String, Report> latest = new LinkedHashMap<>();
    for (Report r : reports) {
      latest.merge(
          r.article().id() + "|" + r.channel() + "|" + r.day(),
          r,
          (x, y) -> x.asOf().isAfter(y.asOf()) ? x : y);
    }
    return new ArrayList<>(latest.values());
  }

  private static List<String> compare(String label, Object now, Object before, Object yearAgo) {
    return Arrays.asList(
        label, text(now), text(before), change(now, before), text(yearAgo), change(now, yearAgo));
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof Double d ? plain(d) : value.toString();
  }

  private static String change(Object now, Object then) {
    if (now == null || then == null || ((Number) then).doubleValue() == 0) {
      return "";
    }
    double a = ((Number) now).doubleValue();
    double b = ((Number) then).doubleValue();
    return plain((a - b) / b);
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).toPlainString();
  }

  // ---- rows

  private static List<Event> randomEvents(
      Random random, List<Article> articles, YearMonth month, int n) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Article a = articles.get(random.nextInt(articles.size()));
      String type = TYPES.get(random.nextInt(TYPES.size()));
      String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
      int user = random.nextInt(150);
      String reachKey = user % 4 == 0 ? "p:person-" + user : "u:" + channel + ":user-" + user;
      Instant time = randomTime(random, month);
      Long duration =
          type.equals("VIEW") && random.nextBoolean() ? 1_000L + random.nextInt(300_000) : null;
      Instant ingested =
          time.plus(
              Duration.ofSeconds(
                  random.nextInt(10) == 0 ? 3_601 + random.nextInt(40_000) : random.nextInt(60)));
      events.add(
          new Event(
              type,
              time,
              a,
              channel,
              reachKey,
              duration,
              type.equals("REPOST") ? OUTLETS.get(random.nextInt(OUTLETS.size())) : null,
              ingested));
    }
    return events;
  }

  private static Instant randomTime(Random random, YearMonth month) {
    return month
        .atDay(1 + random.nextInt(month.lengthOfMonth()))
        .atTime(LocalTime.ofNanoOfDay(random.nextInt(86_400_000) * 1_000_000L))
        .atZone(ShanghaiTime.ZONE)
        .toInstant();
  }

  private static Event view(Article a, String shanghaiTime) {
    Instant time = LocalDateTime.parse(shanghaiTime).atZone(ShanghaiTime.ZONE).toInstant();
    return new Event("VIEW", time, a, "APP", "u:APP:" + shanghaiTime, null, null, time);
  }

  private static void insert(
      List<Article> articles,
      List<Event> events,
      List<Report> reports,
      List<Share> shares,
      List<Spread> spreads,
      Random random) {
    List<Map<String, Object>> articleRows = new ArrayList<>();
    for (Article a : articles) {
      if (a.publishedAt() == null) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("article_id", a.id());
      row.put("title", "标题 " + a.id());
      row.put("office", a.office());
      row.put("series", a.series());
      row.put("content_type", "ARTICLE");
      row.put("editor", "编辑");
      row.put("published_at", ShanghaiTime.millis(a.publishedAt()));
      row.put("updated_at", ShanghaiTime.millis(a.publishedAt()));
      articleRows.add(row);
    }
    List<Map<String, Object>> eventRows = new ArrayList<>();
    for (Event e : events) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("event_id", ReportTables.uniqueId("e"));
      row.put("event_type", e.type());
      row.put("event_time", ShanghaiTime.millis(e.time()));
      row.put("article_id", e.article().id());
      row.put("office", e.article().office());
      row.put("channel", e.channel());
      row.put("user_id", e.reachKey().substring(e.reachKey().lastIndexOf(':') + 1));
      row.put("person_id", e.reachKey().startsWith("p:") ? e.reachKey().substring(2) : null);
      row.put("reach_key", e.reachKey());
      row.put("terminal", "MOBILE");
      row.put("outlet", e.outlet());
      row.put("duration_ms", e.durationMs());
      row.put("ingested_at", ShanghaiTime.millis(e.ingestedAt()));
      eventRows.add(row);
    }
    List<Map<String, Object>> reportRows = new ArrayList<>();
    for (Report r : reports) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("report_id", ReportTables.uniqueId("report"));
      row.put("article_id", r.article().id());
      row.put("channel", r.channel());
      row.put("day", r.day().toString());
      row.put("as_of", ShanghaiTime.millis(r.asOf()));
      row.put("views", r.views());
      row.put("shares", r.shares());
      row.put("likes", r.likes());
      row.put("comments", r.comments());
      reportRows.add(row);
    }
    List<Map<String, Object>> shareRows = new ArrayList<>();
    for (Share s : shares) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("article_id", s.article().id());
      row.put("share_id", ReportTables.uniqueId("share"));
      row.put("generation", s.generation());
      row.put("channel", "WECHAT");
      row.put("office", s.article().office());
      row.put("event_time", ShanghaiTime.millis(s.time()));
      row.put("parent_missing", s.parentMissing() ? 1 : 0);
      shareRows.add(row);
    }
    List<Map<String, Object>> spreadRows = new ArrayList<>();
    for (Spread s : spreads) {
      // An older revision with a huge DI: only the latest revision counts.
      Map<String, Object> old = spreadRow(s, 1, new double[7], 999.9);
      spreadRows.add(old);
      spreadRows.add(spreadRow(s, 2, s.points(), s.di()));
    }
    try (Client client = ReportTables.endpoint().newClient()) {
      if (!articleRows.isEmpty()) {
        ReportTables.insert(client, "chuanbo.article_versions", articleRows);
      }
      ReportTables.insert(client, "chuanbo.events", eventRows);
      if (!reportRows.isEmpty()) {
        ReportTables.insert(client, "chuanbo.platform_count_reports", reportRows);
      }
      if (!shareRows.isEmpty()) {
        ReportTables.insert(client, "chuanbo.share_cascade", shareRows);
      }
      if (!spreadRows.isEmpty()) {
        ReportTables.insert(client, "chuanbo.article_spread_versions", spreadRows);
      }
    }
  }

  private static Map<String, Object> spreadRow(
      Spread s, long revision, double[] points, double di) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("article_id", s.article().id());
    row.put("revision", revision);
    row.put("office", s.article().office());
    row.put("views", 1000);
    row.put("reach", 800);
    row.put("reach_exact", 1);
    row.put("engagements", 90);
    row.put("shares", 40);
    row.put("reposts", 3);
    row.put("max_depth", 4);
    row.put("channels", 2);
    row.put("di", di);
    List<String> components =
        List.of("reach", "views", "engagements", "shares", "reposts", "depth", "channels");
    for (int k = 0; k < components.size(); k++) {
      row.put("di_" + components.get(k), points[k]);
    }
    row.put("di_config_version", 1);
    row.put(
        "updated_at",
        ShanghaiTime.millis(Instant.parse("2017-09-01T00:00:00Z").plusSeconds(revision)));
    return row;
  }

  // ---- reading back

  private static CommandRun report(String month, String office, String formats, Path out) {
    CommandLine.IFactory fixedClock =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            K made = CommandLine.defaultFactory().create(type);
            if (made instanceof ReportCommand.Monthly monthly) {
              monthly.clock = Clock.fixed(Instant.parse("2017-09-02T01:00:00Z"), ZoneOffset.UTC);
            }
            return made;
          }
        };
    return CommandRun.with(
        fixedClock,
        "report",
        "monthly",
        "--month",
        month,
        "--office",
        office,
        "--format",
        formats,
        "--out",
        out.toString(),
        "--clickhouse",
        ReportTables.url());
  }

  private static List<List<String>> readCsv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      assertThat(in.read()).as("byte-order mark of " + file).isEqualTo('\uFEFF');
      try (CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
        return parser.getRecords().stream().map(CSVRecord::toList).toList();
      }
    }
  }

  /** Every sheet holds exactly its CSV file's cells (numbers as numbers, with formats). */
  private static void assertWorkbookEqualsCsv(Path out, String stem, String context)
      throws IOException {
    Map<String, String> sheets = new LinkedHashMap<>();
    sheets.put("kpi", "概况");
    sheets.put("offices", "各单位");
    sheets.put("channels", "各渠道");
    sheets.put("series", "各栏目");
    sheets.put("daily", "每日趋势");
    sheets.put("top-pieces", "传播力前20");
    sheets.put("outlets", "转载媒体");
    sheets.put("depth", "传播层级");
    sheets.put("quality", "数据说明");
    try (InputStream in = Files.newInputStream(out.resolve(stem + ".xlsx"));
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      assertThat(workbook.getNumberOfSheets()).isEqualTo(sheets.size());
      for (Map.Entry<String, String> s : sheets.entrySet()) {
        XSSFSheet sheet = workbook.getSheet(s.getValue());
        List<List<String>> csv = readCsv(out.resolve(stem + "-" + s.getKey() + ".csv"));
        assertThat(sheet.getLastRowNum())
            .as(context + " " + s.getValue())
            .isEqualTo(csv.size() - 1);
        for (int r = 0; r < csv.size(); r++) {
          Row row = sheet.getRow(r);
          for (int c = 0; c < csv.get(r).size(); c++) {
            String expected = csv.get(r).get(c);
            Cell cell = row.getCell(c);
            String where = context + " " + s.getValue() + " row " + r + " column " + c;
            if (expected.isEmpty()) {
              assertThat(
                      cell == null
                          || cell.getCellType() == CellType.BLANK
                          || (cell.getCellType() == CellType.STRING
                              && cell.getStringCellValue().isEmpty()))
                  .as(where)
                  .isTrue();
            } else if (cell.getCellType() == CellType.NUMERIC) {
              assertThat(cell.getNumericCellValue())
                  .as(where)
                  .isEqualTo(Double.parseDouble(expected));
            } else {
              assertThat(cell.getStringCellValue()).as(where).isEqualTo(expected);
            }
          }
        }
      }
      for (String withChart : List.of("各单位", "各渠道", "每日趋势")) {
        assertThat(workbook.getSheet(withChart).createDrawingPatriarch().getCharts())
            .as(withChart)
            .hasSize(1);
      }
    }
  }

  private static void assertPdf(Path pdf, String office, Path pages) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("传播效果月报", "2017年8月");
      if (office.equals("all")) {
        assertThat(text).contains("全市（各单位合计）", "贺州市", "八步区", "钟山县");
      } else {
        assertThat(text).contains(OFFICE_NAMES.get(office)).doesNotContain("钟山县");
      }
      Files.createDirectories(pages);
      PDFRenderer renderer = new PDFRenderer(document);
      for (int i = 0; i < document.getNumberOfPages(); i++) {
        BufferedImage image = renderer.renderImageWithDPI(i, 72);
        Path png = pages.resolve("page-" + (i + 1) + ".png");
        ImageIO.write(image, "png", png.toFile());
        assertThat(png).isNotEmptyFile();
      }
    }
  }
}
