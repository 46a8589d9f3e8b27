package org.chuanbo.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.records.Terminal;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * jqwik arbitraries of records that validation accepts, pressed against its limits: times from
 * 2000-01-01 to a day ahead of {@link #NOW}, durations up to 24 h, counts up to 10^10, articles
 * scheduled a year ahead, and odd but present text (control characters, emoji, SQL, 200 KiB). What
 * the job does with any of them must fit the tables it writes.
 *
 * <p>Candidates also include any long at all and are then filtered by validation itself, so a rule
 * that is loosened (or lost) lets extreme values through to the properties, which then fail.
 */
public final class AcceptedRecords {

  /** The reader's clock of every property. */
  public static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");

  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final SchemaCatalog CATALOG = SchemaCatalog.released();
  public static final AvroSingleObjectCodec EVENTS =
      AvroSingleObjectCodec.forRecord(CATALOG, DisseminationEvent.AVRO_NAME);
  public static final AvroSingleObjectCodec ARTICLES =
      AvroSingleObjectCodec.forRecord(CATALOG, Article.AVRO_NAME);
  public static final AvroSingleObjectCodec PLATFORM_COUNTS =
      AvroSingleObjectCodec.forRecord(CATALOG, PlatformCount.AVRO_NAME);

  private static final long EARLIEST = DisseminationEvent.EARLIEST_EVENT_TIME.toEpochMilli();
  private static final long A_DAY_AHEAD = NOW.plus(Duration.ofDays(1)).toEpochMilli();

  private AcceptedRecords() {}

  /** Present, non-blank text: plausible mostly, odd sometimes, huge seldom. */
  public static Arbitrary<String> ids() {
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
            4,
            Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').ofMinLength(1).ofMaxLength(16)),
        Tuple.of(
            2,
            Arbitraries.of(
                "x\u0000y",
                "\u001b[31m红\u001b[0m",
                "\uD83D\uDE00",
                "\u202e末尾",
                "'; DROP TABLE chuanbo.events; --",
                "\\N",
                "null",
                "a\"b\\c",
                "\r\n")),
        Tuple.of(1, Arbitraries.integers().between(10_000, 100_000).map("贺州"::repeat)));
  }

  public static Arbitrary<Instant> eventTimes() {
    return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.of(EARLIEST, EARLIEST + 1, A_DAY_AHEAD - 1, A_DAY_AHEAD)),
            Tuple.of(1, Arbitraries.longs()),
            Tuple.of(6, Arbitraries.longs().between(EARLIEST, A_DAY_AHEAD)))
        .map(Instant::ofEpochMilli);
  }

  public static Arbitrary<Long> durations() {
    long max = DisseminationEvent.MAX_DURATION.toMillis();
    return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.of(0L, max)),
            Tuple.of(1, Arbitraries.longs()),
            Tuple.of(4, Arbitraries.longs().between(0, max)))
        .injectNull(0.2);
  }

  public static Arbitrary<Long> counts() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(0L, PlatformCount.MAX_COUNT)),
        Tuple.of(1, Arbitraries.longs()),
        Tuple.of(2, Arbitraries.longs().between(0, PlatformCount.MAX_COUNT)),
        Tuple.of(3, Arbitraries.longs().between(0, 10_000)));
  }

  public static <E extends Enum<E>> Arbitrary<E> known(Class<E> type) {
    return Arbitraries.of(type).filter(symbol -> !symbol.name().equals("UNKNOWN"));
  }

  public static Arbitrary<Map<String, String>> attributes() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.maps(ids(), ids()).ofMaxSize(3)),
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(1_000, 10_000)
                .map(
                    n -> {
                      Map<String, String> many = new TreeMap<>();
                      for (int i = 0; i < n; i++) {
                        many.put("k" + i, "v");
                      }
                      return many;
                    })));
  }

  /** Events validation accepts at {@link #NOW}. */
  public static Arbitrary<DisseminationEvent> events() {
    Arbitrary<String> optional = ids().injectNull(0.5);
    return Builders.withBuilder(DisseminationEvent::builder)
        .use(ids())
        .in(DisseminationEvent.Builder::eventId)
        .use(known(EventType.class))
        .in(DisseminationEvent.Builder::eventType)
        .use(eventTimes())
        .in(DisseminationEvent.Builder::eventTime)
        .use(ids())
        .in(DisseminationEvent.Builder::articleId)
        .use(known(Channel.class))
        .in(DisseminationEvent.Builder::channel)
        .use(ids())
        .in(DisseminationEvent.Builder::userId)
        .use(optional)
        .in(DisseminationEvent.Builder::personId)
        .use(Arbitraries.of(Terminal.class))
        .in(DisseminationEvent.Builder::terminal)
        .use(optional)
        .in(DisseminationEvent.Builder::region)
        .use(ids())
        .in(DisseminationEvent.Builder::shareId)
        .use(optional)
        .in(DisseminationEvent.Builder::viaShareId)
        .use(ids())
        .in(DisseminationEvent.Builder::outlet)
        .use(durations())
        .in(DisseminationEvent.Builder::durationMs)
        .use(attributes())
        .in(DisseminationEvent.Builder::attributes)
        .build(DisseminationEvent.Builder::build)
        .filter(e -> e.validate(NOW).isEmpty());
  }

  /** Platform reports validation accepts at {@link #NOW}. */
  public static Arbitrary<PlatformCount> platformCounts() {
    LocalDate lastDay =
        LocalDate.ofInstant(Instant.ofEpochMilli(A_DAY_AHEAD), PlatformCount.DAY_ZONE);
    Arbitrary<LocalDate> days =
        Arbitraries.frequencyOf(
                Tuple.of(
                    1,
                    Arbitraries.of(PlatformCount.EARLIEST_DAY.toEpochDay(), lastDay.toEpochDay())),
                Tuple.of(
                    4,
                    Arbitraries.longs()
                        .between(PlatformCount.EARLIEST_DAY.toEpochDay(), lastDay.toEpochDay())))
            .map(LocalDate::ofEpochDay);
    Arbitrary<Tuple.Tuple2<LocalDate, Instant>> dayAndAsOf =
        days.flatMap(
            day -> {
              long dayStart = day.atStartOfDay(PlatformCount.DAY_ZONE).toInstant().toEpochMilli();
              return Arbitraries.longs()
                  .between(dayStart, Math.max(dayStart, A_DAY_AHEAD))
                  .map(asOf -> Tuple.of(day, Instant.ofEpochMilli(asOf)));
            });
    return Combinators.combine(
            Combinators.combine(ids(), ids(), known(Channel.class), dayAndAsOf).as(Tuple::of),
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
                    head.get4().get1(),
                    head.get4().get2(),
                    views,
                    shares,
                    likes,
                    comments))
        .filter(p -> p.validate(NOW).isEmpty());
  }

  /** Article versions validation accepts at {@link #NOW}. */
  public static Arbitrary<Article> articles() {
    long latestSchedule = NOW.plus(Article.MAX_SCHEDULE_AHEAD).toEpochMilli();
    long earliest = Article.EARLIEST_TIME.toEpochMilli();
    Arbitrary<Instant> published =
        Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(earliest, latestSchedule)),
                Tuple.of(1, Arbitraries.longs()),
                Tuple.of(4, Arbitraries.longs().between(earliest, latestSchedule)))
            .map(Instant::ofEpochMilli);
    Arbitrary<Instant> updated =
        Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.longs()),
                Tuple.of(4, Arbitraries.longs().between(earliest, A_DAY_AHEAD)))
            .map(Instant::ofEpochMilli);
    return Combinators.combine(
            ids(),
            ids(),
            Arbitraries.of("hz", "bb", "pg", "zs", "zp", "fc"),
            ids().injectNull(0.5),
            Arbitraries.of(ContentType.class),
            ids(),
            published,
            updated)
        .as(Article::new)
        .filter(a -> a.validate(NOW).isEmpty());
  }

  public static byte[] encode(DisseminationEvent event) {
    return EVENTS.encode(event.toGenericRecord(EVENTS.schema()));
  }

  public static byte[] encode(PlatformCount report) {
    return PLATFORM_COUNTS.encode(report.toGenericRecord(PLATFORM_COUNTS.schema()));
  }

  public static byte[] encode(Article article) {
    return ARTICLES.encode(article.toGenericRecord(ARTICLES.schema()));
  }
}
