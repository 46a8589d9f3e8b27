package org.chuanbo.schemas;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.records.Terminal;

/**
 * jqwik arbitraries of records with the values real producers get wrong: every long (times and
 * durations of Long.MIN_VALUE and Long.MAX_VALUE, seconds or microseconds for milliseconds), the
 * edges of each rule (2000-01-01, a day ahead of {@link TestRecords#NOW}, 24 h, 10^10), blank and
 * control-character text, unpaired surrogates, huge strings and maps, and null where Java allows
 * it. About half of what they make is valid, so properties see both sides of every rule.
 */
public final class ExtremeRecords {

  private static final long NOW = TestRecords.NOW.toEpochMilli();
  private static final long EARLIEST = DisseminationEvent.EARLIEST_EVENT_TIME.toEpochMilli();
  private static final long A_DAY_AHEAD = NOW + Duration.ofDays(1).toMillis();
  private static final long MAX_DURATION = DisseminationEvent.MAX_DURATION.toMillis();

  private ExtremeRecords() {}

  /** Ids and free text: mostly plausible, sometimes blank, odd, broken or huge. */
  public static Arbitrary<String> texts() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            10,
            Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars("-_:.")
                .ofMinLength(1)
                .ofMaxLength(24)),
        Tuple.of(
            6,
            Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').ofMinLength(1).ofMaxLength(16)),
        Tuple.of(
            1,
            Arbitraries.of(
                "",
                " ",
                "\t",
                "\u3000",
                "\u0000",
                "\r\n",
                "\u001b[31m",
                "\u202e",
                "\uD83D\uDE00",
                "'; DROP TABLE chuanbo.events; --",
                "\\N",
                "null")),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(24)),
        Tuple.of(1, Arbitraries.integers().between(10_000, 120_000).map("贺州"::repeat)));
  }

  /** Times: any long at all, the edges of the event-time rule, and plausible times inside it. */
  public static Arbitrary<Instant> times() {
    return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.longs()),
            Tuple.of(
                1,
                Arbitraries.of(
                    Long.MIN_VALUE,
                    Long.MAX_VALUE,
                    0L,
                    -1L,
                    EARLIEST - 1,
                    EARLIEST,
                    A_DAY_AHEAD,
                    A_DAY_AHEAD + 1,
                    NOW * 1_000,
                    NOW / 1_000,
                    Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli())),
            Tuple.of(8, Arbitraries.longs().between(EARLIEST, A_DAY_AHEAD)))
        .map(Instant::ofEpochMilli);
  }

  /** Durations: any long, the edges of 0..24 h, plausible ones, and none. */
  public static Arbitrary<Long> durations() {
    return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.longs()),
            Tuple.of(
                1,
                Arbitraries.of(
                    Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, MAX_DURATION, MAX_DURATION + 1)),
            Tuple.of(8, Arbitraries.longs().between(0, MAX_DURATION)))
        .injectNull(0.2);
  }

  /** Platform counts: any long, the edges of 0..10^10, plausible ones. */
  public static Arbitrary<Long> counts() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.longs()),
        Tuple.of(
            1,
            Arbitraries.of(
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                -1L,
                0L,
                PlatformCount.MAX_COUNT,
                PlatformCount.MAX_COUNT + 1)),
        Tuple.of(18, Arbitraries.longs().between(0, 100_000)));
  }

  /** Every symbol, UNKNOWN (a newer writer's) seldom; null where {@code nullable}. */
  public static <E extends Enum<E>> Arbitrary<E> symbols(Class<E> type, boolean nullable) {
    Arbitrary<E> symbols =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.of(type).filter(symbol -> !symbol.name().equals("UNKNOWN"))),
            Tuple.of(1, Arbitraries.of(type)));
    return nullable ? symbols.injectNull(0.03) : symbols;
  }

  public static Arbitrary<Map<String, String>> attributes() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.maps(texts(), texts()).ofMaxSize(4)),
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(1_000, 20_000)
                .map(
                    n -> {
                      Map<String, String> many = new TreeMap<>();
                      for (int i = 0; i < n; i++) {
                        many.put("k" + i, "v");
                      }
                      return many;
                    })));
  }

  /** Events that may break any rule, with null only in optional fields (so they encode). */
  public static Arbitrary<DisseminationEvent> encodableEvents() {
    return events(false);
  }

  /** Events that may break any rule, required fields null included (as a broken decoder's). */
  public static Arbitrary<DisseminationEvent> anyEvents() {
    return events(true);
  }

  private static Arbitrary<DisseminationEvent> events(boolean nullRequired) {
    Arbitrary<String> required = nullRequired ? texts().injectNull(0.03) : texts();
    Arbitrary<String> optional = texts().injectNull(0.5);
    return Builders.withBuilder(DisseminationEvent::builder)
        .use(required)
        .in(DisseminationEvent.Builder::eventId)
        .use(symbols(EventType.class, nullRequired))
        .in(DisseminationEvent.Builder::eventType)
        .use(nullRequired ? times().injectNull(0.03) : times())
        .in(DisseminationEvent.Builder::eventTime)
        .use(required)
        .in(DisseminationEvent.Builder::articleId)
        .use(symbols(Channel.class, nullRequired))
        .in(DisseminationEvent.Builder::channel)
        .use(required)
        .in(DisseminationEvent.Builder::userId)
        .use(optional)
        .in(DisseminationEvent.Builder::personId)
        .use(symbols(Terminal.class, nullRequired))
        .in(DisseminationEvent.Builder::terminal)
        .use(optional)
        .in(DisseminationEvent.Builder::region)
        .use(optional)
        .in(DisseminationEvent.Builder::shareId)
        .use(optional)
        .in(DisseminationEvent.Builder::viaShareId)
        .use(optional)
        .in(DisseminationEvent.Builder::outlet)
        .use(durations())
        .in(DisseminationEvent.Builder::durationMs)
        .use(attributes())
        .in(DisseminationEvent.Builder::attributes)
        .build(DisseminationEvent.Builder::build);
  }

  /** Platform reports that may break any rule; non-null where the schema requires a value. */
  public static Arbitrary<PlatformCount> platformCounts() {
    Arbitrary<LocalDate> days =
        Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().map(Integer::longValue)),
                Tuple.of(
                    8,
                    Arbitraries.longs()
                        .between(
                            LocalDate.of(1999, 12, 30).toEpochDay(),
                            LocalDate.ofInstant(TestRecords.NOW, PlatformCount.DAY_ZONE)
                                .plusDays(3)
                                .toEpochDay())))
            .map(LocalDate::ofEpochDay);
    // Mostly taken the day itself or a little later, as platforms do; sometimes any time at all.
    Arbitrary<Tuple.Tuple2<LocalDate, Instant>> dayAndAsOf =
        days.flatMap(
            day ->
                Arbitraries.frequencyOf(
                        Tuple.of(
                            7,
                            Arbitraries.longs()
                                .between(-3_600_000L, 3 * 86_400_000L)
                                .map(
                                    offset ->
                                        day.atStartOfDay(PlatformCount.DAY_ZONE)
                                            .toInstant()
                                            .plusMillis(offset))),
                        Tuple.of(3, times()))
                    .map(asOf -> Tuple.of(day, asOf)));
    return Combinators.combine(
            Combinators.combine(texts(), texts(), symbols(Channel.class, false), dayAndAsOf)
                .as(
                    (reportId, articleId, channel, when) ->
                        Tuple.of(reportId, articleId, channel, when.get1(), when.get2())),
            counts(),
            counts(),
            counts(),
            counts())
        .as(
            (head, views, shares, likes, comments) ->
                new PlatformCount(
                    head.get1(),
                    head.get2(),
                    head.get3(),
                    head.get4(),
                    head.get5(),
                    views,
                    shares,
                    likes,
                    comments));
  }

  /** The edge of how far ahead a piece may be scheduled. */
  private static Arbitrary<Instant> scheduleEdges() {
    Instant latest = TestRecords.NOW.plus(Article.MAX_SCHEDULE_AHEAD);
    return Arbitraries.of(latest, latest.plusMillis(1));
  }

  /** Article versions that may break any rule; non-null where the schema requires a value. */
  public static Arbitrary<Article> articles() {
    Arbitrary<String> offices =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of("hz", "bb", "pg", "zs", "zp", "fc")),
            Tuple.of(1, Arbitraries.of("", " ", "HZ", "gx", "贺州")),
            Tuple.of(1, texts()));
    return Combinators.combine(
            texts(),
            texts(),
            offices,
            texts().injectNull(0.5),
            symbols(ContentType.class, false),
            texts(),
            Arbitraries.frequencyOf(Tuple.of(6, times()), Tuple.of(1, scheduleEdges())),
            times())
        .as(Article::new);
  }
}
