package org.chuanbo.generator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.avro.Schema;
import org.chuanbo.generator.PlannedArticle.VersionSend;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.records.Terminal;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * A realistic, deterministic stream for {@code chuanbo.articles}, {@code chuanbo.events} and {@code
 * chuanbo.platform_counts}, in send order: the same settings give byte-identical records.
 *
 * <pre>
 * List&lt;OutgoingRecord&gt; all = StreamGenerator.generate(settings);      // small volumes
 * Iterator&lt;OutgoingRecord&gt; it = StreamGenerator.iterate(settings);     // any volume, lazily
 * </pre>
 *
 * <p>How it works: the pieces of the period are planned up front ({@link ArticleCatalogue}). Event
 * time is then swept slice by slice (an hour, shorter at high rates). In each slice every live
 * piece gets, on each of its channels, a Poisson number of direct visits whose mean is its {@link
 * Popularity} × its {@link ChannelMix} weight × the share of its {@link InterestDecay} curve that
 * falls in the slice × the channel's {@link DailyRhythm}, scaled so that the whole period averages
 * {@code ratePerSecond} events. A visit is a VIEW and maybe a LIKE, COMMENT or SHARE ({@link
 * ViewerBehaviour}); a SHARE schedules the visits through its link ({@link ShareCascade}), which
 * may share again; rereads and outlets' REPOSTs ({@link Reposts}) are scheduled too. Each event is
 * given a send time by {@link DeliveryFaults} (lag, lateness, TV batches), maybe a duplicate and
 * maybe a broken companion ({@link MalformedRecords}), and waits in an outbox ordered by send time.
 * When the sweep has finished a slice, no record still to be made can be sent before the slice's
 * end (nothing is sent before it happens), so the outbox releases everything due before it. When it
 * has passed a Shanghai midnight, the WeChat platform's reports of the day that ended are queued
 * ({@link PlatformReports}): all of that day's events are made by then, and the reports are sent
 * the next morning and later. Memory is bounded by what waits: about (late share × mean lateness +
 * TV share × 1 h) × rate, plus four counters per (article, day) not yet reported and a few reports
 * per piece of the day before, which do not grow with the rate.
 *
 * <p>Event times lie in [{@code start} 00:00, {@code start + days} 00:00) Asia/Shanghai; send times
 * never precede them (except in the deliberately invalid records) and may run past the end (late
 * events, the last TV batch).
 */
public final class StreamGenerator implements Iterator<OutgoingRecord> {

  /**
   * Direct views per event: the rest are engagement, rereads and views through shares. Measured on
   * generated streams, so that {@code ratePerSecond} is the average rate of events.
   */
  static final double DIRECT_VIEWS_PER_EVENT = 0.79;

  /** The most events a slice should hold on average; sets the slice length at high rates. */
  private static final double EVENTS_PER_SLICE = 20_000;

  private static final long[] SLICE_SECONDS = {3_600, 1_800, 1_200, 900, 600, 300, 120, 60};
  private static final long HOUR = 3_600_000L;
  private static final DateTimeFormatter BATCH_HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH");

  private final long periodStart;
  private final long periodEnd;
  private final long sliceMillis;
  private final List<PlannedArticle> articles;
  private final double directViewsPerUnit;

  private final Audience audience;
  private final DeliveryFaults faults;
  private final MalformedRecords malformed;
  private final AvroSingleObjectCodec eventCodec;
  private final Schema eventSchema;
  private final AvroSingleObjectCodec platformCodec;
  private final PlatformReports platformReports;
  private final SeededRandom traffic;
  private final long idSalt;

  private final PriorityQueue<Pending> pending =
      new PriorityQueue<>(Comparator.comparingLong(Pending::time).thenComparingLong(Pending::seq));
  private final PriorityQueue<Queued> outbox =
      new PriorityQueue<>(Comparator.comparingLong(Queued::sendAt).thenComparingLong(Queued::seq));
  private final ArrayDeque<OutgoingRecord> ready = new ArrayDeque<>();
  private final Map<PlannedArticle, byte[]> keys = new java.util.IdentityHashMap<>();

  private long sliceStart;
  private int firstLive;
  private long sequence;
  private long eventCounter;
  private long shareCounter;
  private boolean finished;

  private StreamGenerator(GeneratorSettings settings) {
    this.periodStart = settings.periodStart().toEpochMilli();
    this.periodEnd = settings.periodEnd().toEpochMilli();
    this.sliceMillis = sliceMillis(settings.ratePerSecond());
    this.articles = ArticleCatalogue.plan(settings);
    SchemaCatalog catalog = SchemaCatalog.released();
    this.eventCodec = AvroSingleObjectCodec.forRecord(catalog, DisseminationEvent.AVRO_NAME);
    this.eventSchema = eventCodec.schema();
    AvroSingleObjectCodec articleCodec =
        AvroSingleObjectCodec.forRecord(catalog, Article.AVRO_NAME);
    this.platformCodec = AvroSingleObjectCodec.forRecord(catalog, PlatformCount.AVRO_NAME);
    this.malformed = new MalformedRecords(catalog, eventCodec, articleCodec, platformCodec);
    this.platformReports = new PlatformReports(settings.seed());
    this.audience = new Audience(settings.seed(), settings.ratePerSecond());
    this.faults = new DeliveryFaults(settings.seed());
    this.traffic = SeededRandom.forPurpose(settings.seed(), "traffic");
    this.idSalt = SeededRandom.mix(settings.seed() ^ 0x1D5A17L);
    this.sliceStart = periodStart;

    double directViews =
        settings.ratePerSecond() * (periodEnd - periodStart) / 1_000.0 * DIRECT_VIEWS_PER_EVENT;
    this.directViewsPerUnit = directViews / expectedDirectIntensity();

    for (PlannedArticle article : articles) {
      keys.put(article, article.id().getBytes(StandardCharsets.UTF_8));
      for (VersionSend send : article.sends()) {
        queue(
            Topics.ARTICLES,
            keys.get(article),
            articleCodec.encode(send.version().toGenericRecord(articleCodec.schema())),
            send.sendAtMillis(),
            RecordKind.ARTICLE);
      }
    }
    SeededRandom outlets = SeededRandom.forPurpose(settings.seed(), "reposts");
    for (PlannedArticle article : articles) {
      for (Reposts.Repost repost : Reposts.plan(article, outlets)) {
        if (repost.atMillis() >= periodStart && repost.atMillis() < periodEnd) {
          schedule(repost.atMillis(), () -> repost(article, repost));
        }
      }
    }
  }

  /** Every record of the stream, in send order. For volumes that fit in memory. */
  public static List<OutgoingRecord> generate(GeneratorSettings settings) {
    List<OutgoingRecord> records = new ArrayList<>();
    iterate(settings).forEachRemaining(records::add);
    return records;
  }

  /** The records in send order, made as they are asked for; for any volume. */
  public static Iterator<OutgoingRecord> iterate(GeneratorSettings settings) {
    return new StreamGenerator(settings);
  }

  /** {@link #iterate} as a sequential stream. */
  public static Stream<OutgoingRecord> stream(GeneratorSettings settings) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            iterate(settings), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !finished) {
      advance();
    }
    return !ready.isEmpty();
  }

  @Override
  public OutgoingRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  /** Generates one slice of event time and releases what is due before its end. */
  private void advance() {
    if (sliceStart >= periodEnd) {
      // Scheduled visits after the period never happen; everything still waiting goes out.
      pending.clear();
      queueReports(platformReports.closeDaysBefore(Long.MAX_VALUE));
      release(Long.MAX_VALUE);
      finished = true;
      return;
    }
    long from = sliceStart;
    long to = Math.min(periodEnd, from + sliceMillis);
    Map<Channel, Double> rhythm = rhythmAt(from);
    while (firstLive < articles.size()
        && articles.get(firstLive).publishedAtMillis() + InterestDecay.LIFETIME.toMillis()
            <= from) {
      firstLive++;
    }
    for (int i = firstLive; i < articles.size(); i++) {
      PlannedArticle article = articles.get(i);
      long published = article.publishedAtMillis();
      if (published >= to) {
        break;
      }
      long fromAge = Math.max(from, published) - published;
      long toAge = to - published;
      for (Map.Entry<Channel, Double> channel : article.channels().entrySet()) {
        Channel c = channel.getKey();
        double mean =
            directViewsPerUnit
                * article.popularity()
                * channel.getValue()
                * InterestDecay.between(c, fromAge, toAge)
                * rhythm.get(c);
        int visits = traffic.poisson(mean);
        for (int v = 0; v < visits; v++) {
          long at = published + InterestDecay.sampleAge(c, fromAge, toAge, traffic);
          visit(article, c, at, null, null, null);
        }
      }
    }
    while (!pending.isEmpty() && pending.peek().time() < to) {
      pending.poll().action().run();
    }
    queueReports(platformReports.closeDaysBefore(to));
    release(to);
    sliceStart = to;
  }

  /** The sum over the period of what the sweep's Poisson means are made of, before scaling. */
  private double expectedDirectIntensity() {
    double total = 0;
    // Hour by hour whatever the slice: the rhythm is constant within an hour, so the sum is the
    // same, and cheap.
    for (long from = periodStart; from < periodEnd; from += HOUR) {
      long to = Math.min(periodEnd, from + HOUR);
      Map<Channel, Double> rhythm = rhythmAt(from);
      for (PlannedArticle article : articles) {
        long published = article.publishedAtMillis();
        if (published >= to) {
          break;
        }
        long fromAge = Math.max(from, published) - published;
        for (Map.Entry<Channel, Double> channel : article.channels().entrySet()) {
          Channel c = channel.getKey();
          total +=
              article.popularity()
                  * channel.getValue()
                  * InterestDecay.between(c, fromAge, to - published)
                  * rhythm.get(c);
        }
      }
    }
    return total > 0 ? total : 1;
  }

  /**
   * One person opening the piece: a VIEW, and what they do next. {@code via} is the share they came
   * through; {@code returning} is the earlier viewer coming back for a second read.
   */
  private void visit(
      PlannedArticle article,
      Channel channel,
      long at,
      String via,
      String scene,
      Viewer returning) {
    if (at >= periodEnd) {
      return;
    }
    Viewer viewer = returning != null ? returning : audience.pick(channel, traffic);
    Long duration = ViewerBehaviour.durationMs(channel, article.latest().contentType(), traffic);
    emit(
        article,
        event(EventType.VIEW, at, article, viewer)
            .viaShareId(via)
            .durationMs(duration)
            .attributes(attributes(article, channel, at, scene))
            .build());
    if (returning != null) {
      return;
    }
    long done = at + (duration != null ? duration : 20_000) + traffic.between(500, 20_000);
    if (traffic.chance(ViewerBehaviour.likeRate(channel))) {
      emit(article, event(EventType.LIKE, done, article, viewer).viaShareId(via).build());
    }
    if (traffic.chance(ViewerBehaviour.commentRate(channel))) {
      long commented = done + traffic.between(10_000, 180_000);
      emit(article, event(EventType.COMMENT, commented, article, viewer).viaShareId(via).build());
    }
    if (traffic.chance(ViewerBehaviour.shareRate(channel, via != null))) {
      share(article, channel, done + traffic.between(1_000, 60_000), via, viewer);
    }
    if (traffic.chance(ViewerBehaviour.REREAD)) {
      long again = at + traffic.logNormal(3 * HOUR, 1.0, 600_000, 3 * 24 * HOUR);
      scheduleVisit(article, channel, again, via, scene, viewer);
    }
  }

  private void share(PlannedArticle article, Channel channel, long at, String via, Viewer viewer) {
    if (at >= periodEnd) {
      return;
    }
    String shareId = "sh" + hex(SeededRandom.mix(++shareCounter ^ idSalt));
    int target = ShareCascade.target(traffic);
    String targetName = ShareCascade.TARGETS[target];
    emit(
        article,
        event(EventType.SHARE, at, article, viewer)
            .shareId(shareId)
            .viaShareId(via)
            .attributes(Map.of("target", targetName))
            .build());
    int readers = ShareCascade.readers(target, traffic);
    for (int i = 0; i < readers; i++) {
      scheduleVisit(
          article, channel, at + ShareCascade.delayMillis(traffic), shareId, targetName, null);
    }
  }

  private void repost(PlannedArticle article, Reposts.Repost repost) {
    Viewer outlet =
        new Viewer(repost.channel(), repost.outlet().account(), null, Terminal.OTHER, null);
    emit(
        article,
        event(EventType.REPOST, repost.atMillis(), article, outlet)
            .outlet(repost.outlet().name())
            .build());
  }

  private void scheduleVisit(
      PlannedArticle article,
      Channel channel,
      long at,
      String via,
      String scene,
      Viewer returning) {
    if (at >= periodEnd || at - article.publishedAtMillis() >= InterestDecay.LIFETIME.toMillis()) {
      return;
    }
    schedule(at, () -> visit(article, channel, at, via, scene, returning));
  }

  /**
   * A collector's event id, UUID-shaped: its first 64 bits are a bijection of a counter, so ids
   * never repeat (only retries repeat an id).
   */
  private String nextEventId() {
    long id = SeededRandom.mix(++eventCounter ^ idSalt);
    String hex = hex(id) + hex(SeededRandom.mix(id));
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12, 16)
        + "-"
        + hex.substring(16, 20)
        + "-"
        + hex.substring(20);
  }

  private DisseminationEvent.Builder event(
      EventType type, long at, PlannedArticle article, Viewer viewer) {
    return DisseminationEvent.builder()
        .eventId(nextEventId())
        .eventType(type)
        .eventTime(Instant.ofEpochMilli(at))
        .articleId(article.id())
        .channel(viewer.channel())
        .userId(viewer.userId())
        .personId(viewer.personId())
        .terminal(viewer.terminal())
        .region(viewer.region());
  }

  /** Channel-specific extras, for diagnosis only (no metric reads them). */
  private Map<String, String> attributes(
      PlannedArticle article, Channel channel, long at, String scene) {
    return switch (channel) {
      case WECHAT, APP -> {
        if (scene != null) {
          yield Map.of("scene", scene);
        }
        boolean fresh = at - article.publishedAtMillis() < 24 * HOUR;
        yield Map.of("scene", fresh ? "公众号消息" : traffic.chance(0.3) ? "搜一搜" : "历史消息");
      }
      case TV ->
          Map.of(
              "programme",
              "党旗如画",
              "batch",
              BATCH_HOUR.format(
                  LocalDateTime.ofInstant(Instant.ofEpochMilli(at), GeneratorSettings.SHANGHAI)));
      case RADIO -> Map.of("programme", "党旗如画");
      default -> scene != null ? Map.of("scene", scene) : Map.of();
    };
  }

  /** Encodes the event and queues it with its faults. */
  private void emit(PlannedArticle article, DisseminationEvent event) {
    long at = event.eventTime().toEpochMilli();
    if (at >= periodEnd) {
      return;
    }
    platformReports.count(event);
    byte[] key = keys.get(article);
    byte[] bytes = eventCodec.encode(event.toGenericRecord(eventSchema));
    long sendAt = faults.sendTime(event.channel(), at);
    queue(Topics.EVENTS, key, bytes, sendAt, RecordKind.EVENT);
    long retry = faults.duplicateSendTime(sendAt);
    if (retry >= 0) {
      queue(Topics.EVENTS, key, bytes, retry, RecordKind.DUPLICATE);
    }
    if (faults.malformedAlongside()) {
      SeededRandom random = faults.random();
      byte[] broken = malformed.make(event, bytes, article.latest(), nextEventId(), random);
      queue(Topics.EVENTS, key, broken, sendAt + random.between(0, 500), RecordKind.MALFORMED);
    }
  }

  /** Encodes the platform's reports and queues them, their re-deliveries and broken companions. */
  private void queueReports(List<PlatformReports.Delivery> deliveries) {
    for (PlatformReports.Delivery delivery : deliveries) {
      PlatformCount report = delivery.report();
      byte[] key = report.articleId().getBytes(StandardCharsets.UTF_8);
      byte[] bytes = platformCodec.encode(report.toGenericRecord(platformCodec.schema()));
      queue(Topics.PLATFORM_COUNTS, key, bytes, delivery.sendAtMillis(), RecordKind.PLATFORM_COUNT);
      if (delivery.resendAtMillis() >= 0) {
        queue(
            Topics.PLATFORM_COUNTS,
            key,
            bytes,
            delivery.resendAtMillis(),
            RecordKind.PLATFORM_COUNT_DUPLICATE);
      }
      if (platformReports.malformedAlongside()) {
        SeededRandom random = platformReports.random();
        byte[] broken =
            malformed.makePlatformCount(report, bytes, platformReports.freshReportId(), random);
        queue(
            Topics.PLATFORM_COUNTS,
            key,
            broken,
            delivery.sendAtMillis() + random.between(0, 500),
            RecordKind.MALFORMED);
      }
    }
  }

  private void queue(String topic, byte[] key, byte[] value, long sendAt, RecordKind kind) {
    outbox.add(new Queued(sendAt, sequence++, new OutgoingRecord(topic, key, value, sendAt, kind)));
  }

  private void schedule(long at, Runnable action) {
    pending.add(new Pending(at, sequence++, action));
  }

  private void release(long before) {
    while (!outbox.isEmpty() && outbox.peek().sendAt() < before) {
      ready.add(outbox.poll().record());
    }
  }

  private static Map<Channel, Double> rhythmAt(long epochMillis) {
    LocalDateTime local =
        LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), GeneratorSettings.SHANGHAI);
    Map<Channel, Double> rhythm = new EnumMap<>(Channel.class);
    for (Channel channel : Channel.values()) {
      rhythm.put(channel, DailyRhythm.weight(channel, local));
    }
    return rhythm;
  }

  /** Hourly slices, shorter when an hour would hold more than ~20,000 events. */
  static long sliceMillis(double ratePerSecond) {
    for (long seconds : SLICE_SECONDS) {
      if (ratePerSecond * seconds <= EVENTS_PER_SLICE) {
        return seconds * 1_000;
      }
    }
    return SLICE_SECONDS[SLICE_SECONDS.length - 1] * 1_000;
  }

  private static String hex(long value) {
    return String.format("%016x", value);
  }

  private record Pending(long time, long seq, Runnable action) {}

  private record Queued(long sendAt, long seq, OutgoingRecord record) {}
}
