package org.chuanbo.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.ValidationProblem;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * The expected results for a stream, computed the plainest way from its records: a test oracle,
 * independent of the Flink job (it shares no code with it, only the schemas' codec and records).
 *
 * <p>Rules, from DOMAIN.md: a record of {@code chuanbo.events} counts if the codec decodes it and
 * {@code validate} finds nothing wrong at the record's send time (its "now"); of records with the
 * same {@code event_id} the first in the given (send) order counts, the others are duplicates.
 * Counts are per article × channel × minute of event time (Asia/Shanghai minutes, which start on
 * whole epoch minutes). Reach counts distinct viewers: {@code person_id} when present, else {@code
 * channel:user_id}. Of an article's versions the one with the latest {@code updated_at} wins (equal
 * ones: the later received).
 *
 * <p>Platform counts ({@code chuanbo.platform_counts}) are decoded and validated the same way; of
 * the accepted reports of one (article, channel, Shanghai day) the one with the greatest ({@code
 * as_of}, {@code report_id}) wins, whatever order they arrived in. Per-article spread facts ({@link
 * #spreadByArticle}) combine the accepted events, the winning reports and each article's share
 * cascade; they are computed on first use.
 *
 * <p>Ingest quality ({@link #qualityMinutes}): every rejected record by its topic and the reason
 * above, and every duplicate (a valid event whose {@code event_id} was seen before), each in the
 * minute of its send time — the minute it reached Kafka when it is published with its send time as
 * the Kafka record timestamp.
 */
public final class GeneratedStreamFacts {

  /** One row of the per-minute table. {@code minute} is the minute's first instant. */
  public record ArticleChannelMinute(String articleId, Channel channel, Instant minute)
      implements Comparable<ArticleChannelMinute> {

    /** The minute as a Shanghai wall-clock time, as the dashboards show it. */
    public LocalDateTime shanghaiMinute() {
      return LocalDateTime.ofInstant(minute, GeneratorSettings.SHANGHAI);
    }

    @Override
    public int compareTo(ArticleChannelMinute other) {
      int c = articleId.compareTo(other.articleId);
      if (c == 0) {
        c = channel.compareTo(other.channel);
      }
      return c != 0 ? c : minute.compareTo(other.minute);
    }
  }

  /**
   * One group of {@code chuanbo.ingest_quality_minute}: records of one topic sent in one minute and
   * rejected for one reason ({@code outcome} "rejected", {@code reason} the {@link RejectReason}
   * name), or dropped as duplicates ({@code outcome} "duplicate", {@code reason}
   * "duplicate_event_id"). {@code minute} is the minute's first instant.
   */
  public record QualityMinute(Instant minute, String topic, String outcome, String reason)
      implements Comparable<QualityMinute> {

    private static final Comparator<QualityMinute> ORDER =
        Comparator.comparing(QualityMinute::minute)
            .thenComparing(QualityMinute::topic)
            .thenComparing(QualityMinute::outcome)
            .thenComparing(QualityMinute::reason);

    static QualityMinute rejected(long sentAtMillis, String topic, RejectReason reason) {
      return new QualityMinute(minuteOf(sentAtMillis), topic, "rejected", reason.name());
    }

    static QualityMinute duplicate(long sentAtMillis) {
      return new QualityMinute(
          minuteOf(sentAtMillis), Topics.EVENTS, "duplicate", "duplicate_event_id");
    }

    @Override
    public int compareTo(QualityMinute other) {
      return ORDER.compare(this, other);
    }
  }

  /** The additive counts of DOMAIN.md's metrics. */
  public record Counts(
      long views,
      long shares,
      long reposts,
      long likes,
      long comments,
      long engagedMsSum,
      long engagedCount) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

    /** likes + comments + shares + reposts. */
    public long engagements() {
      return likes + comments + shares + reposts;
    }

    public Counts plus(Counts o) {
      return new Counts(
          views + o.views,
          shares + o.shares,
          reposts + o.reposts,
          likes + o.likes,
          comments + o.comments,
          engagedMsSum + o.engagedMsSum,
          engagedCount + o.engagedCount);
    }

    static Counts of(DisseminationEvent e) {
      return switch (e.eventType()) {
        case VIEW ->
            e.durationMs() == null
                ? new Counts(1, 0, 0, 0, 0, 0, 0)
                : new Counts(1, 0, 0, 0, 0, e.durationMs(), 1);
        case SHARE -> new Counts(0, 1, 0, 0, 0, 0, 0);
        case REPOST -> new Counts(0, 0, 1, 0, 0, 0, 0);
        case LIKE -> new Counts(0, 0, 0, 1, 0, 0, 0);
        case COMMENT -> new Counts(0, 0, 0, 0, 1, 0, 0);
        case UNKNOWN -> ZERO; // never reached: validate rejects it
      };
    }
  }

  /** One (article, channel, Shanghai day): what a platform report is about. */
  public record PlatformDay(String articleId, Channel channel, LocalDate day)
      implements Comparable<PlatformDay> {

    private static final Comparator<PlatformDay> ORDER =
        Comparator.comparing(PlatformDay::articleId)
            .thenComparing(PlatformDay::channel)
            .thenComparing(PlatformDay::day);

    @Override
    public int compareTo(PlatformDay other) {
      return ORDER.compare(this, other);
    }
  }

  /**
   * One article's spread (DOMAIN.md, "Metrics", "Share cascades", "Platform-reported counts").
   *
   * <p>For each (channel, Shanghai day of event_time) the effective count of views, shares, likes
   * and comments is the greater of the accepted events of that type on that channel-day and the
   * winning platform report's value for it (0 without one); {@code views}, {@code shares}, {@code
   * likes}, {@code comments} sum the effective counts over every channel-day, including those that
   * only a report covers.
   *
   * @param views effective views
   * @param countedViews VIEW events
   * @param directViews VIEW events without via_share_id
   * @param viaShareViews VIEW events with via_share_id
   * @param reach distinct viewers: person_id, else channel:user_id
   * @param shares effective shares
   * @param countedShares SHARE events
   * @param reposts REPOST events
   * @param likes effective likes
   * @param comments effective comments
   * @param engagements likes + comments + shares + reposts (the effective ones)
   * @param outlets distinct reposting outlets
   * @param firstRepostAt the earliest REPOST's event_time, null without one
   * @param cascadeShares the share nodes of the cascade (SHARE events by share_id, first received)
   * @param maxDepth the deepest generation (0 without shares)
   * @param meanDepth the mean generation (0.0 without shares)
   * @param sharesPerGeneration shares of generation 1, 2, ... maxDepth (empty without shares)
   * @param structuralVirality mean distance over all pairs of nodes of the tree, root included (0.0
   *     for fewer than two nodes)
   * @param channels channels whose effective views (over all days) are above 0
   */
  public record ArticleSpread(
      long views,
      long countedViews,
      long directViews,
      long viaShareViews,
      long reach,
      long shares,
      long countedShares,
      long reposts,
      long likes,
      long comments,
      long engagements,
      int outlets,
      Instant firstRepostAt,
      long cascadeShares,
      int maxDepth,
      double meanDepth,
      List<Long> sharesPerGeneration,
      double structuralVirality,
      int channels) {}

  /**
   * One node of an article's share cascade.
   *
   * @param parentShareId the parent share, or null when the share hangs from the root (no
   *     via_share_id, or one that names no SHARE of the same article)
   * @param viaShareId the SHARE event's via_share_id as received
   * @param generation its depth: a child of the root is 1
   */
  public record CascadeShare(
      String articleId,
      String shareId,
      String parentShareId,
      String viaShareId,
      int generation,
      Channel channel,
      Instant eventTime) {}

  private final List<DisseminationEvent> events = new ArrayList<>();
  private final SortedMap<ArticleChannelMinute, Counts> minutes = new TreeMap<>();
  private final Map<Channel, Counts> byChannel = new EnumMap<>(Channel.class);
  private final Map<String, Set<String>> viewersByArticle = new HashMap<>();
  private final Set<String> viewers = new HashSet<>();
  private final Map<String, SortedSet<String>> outletsByArticle = new HashMap<>();
  private final Map<RejectReason, Long> rejectedEvents = new EnumMap<>(RejectReason.class);
  private final Map<RejectReason, Long> rejectedArticles = new EnumMap<>(RejectReason.class);
  private final Map<RejectReason, Long> rejectedPlatformCounts = new EnumMap<>(RejectReason.class);
  private final SortedMap<PlatformDay, PlatformCount> latestPlatformCounts = new TreeMap<>();
  private Spread spread;
  private final Map<String, Article> latestArticles = new TreeMap<>();
  private Counts totals = Counts.ZERO;
  private long duplicates;
  private final SortedMap<QualityMinute, Long> qualityMinutes = new TreeMap<>();
  private final SortedSet<String> personalIds = new TreeSet<>();

  private GeneratedStreamFacts() {}

  /** The facts of these records, taken in the given order (send order). */
  public static GeneratedStreamFacts of(Iterable<OutgoingRecord> records) {
    SchemaCatalog catalog = SchemaCatalog.released();
    AvroSingleObjectCodec eventCodec =
        AvroSingleObjectCodec.forRecord(catalog, DisseminationEvent.AVRO_NAME);
    AvroSingleObjectCodec articleCodec =
        AvroSingleObjectCodec.forRecord(catalog, Article.AVRO_NAME);
    AvroSingleObjectCodec platformCodec =
        AvroSingleObjectCodec.forRecord(catalog, PlatformCount.AVRO_NAME);
    GeneratedStreamFacts facts = new GeneratedStreamFacts();
    Set<String> seen = new HashSet<>();
    for (OutgoingRecord record : records) {
      Instant now = Instant.ofEpochMilli(record.sendAtMillis());
      if (record.topic().equals(Topics.ARTICLES)) {
        facts.addArticle(record.value(), now, articleCodec);
      } else if (record.topic().equals(Topics.PLATFORM_COUNTS)) {
        facts.addPlatformCount(record.value(), now, platformCodec);
      } else if (record.topic().equals(Topics.EVENTS)) {
        DisseminationEvent event = facts.decodeEvent(record.value(), now, eventCodec);
        if (event == null) {
          continue;
        }
        if (!seen.add(event.eventId())) {
          facts.duplicates++;
          facts.qualityMinutes.merge(QualityMinute.duplicate(record.sendAtMillis()), 1L, Long::sum);
          continue;
        }
        facts.add(event);
      }
    }
    return facts;
  }

  private DisseminationEvent decodeEvent(byte[] bytes, Instant now, AvroSingleObjectCodec codec) {
    try {
      DisseminationEvent event = DisseminationEvent.fromGenericRecord(codec.decode(bytes));
      addPersonalIds(event);
      List<ValidationProblem> problems = event.validate(now);
      if (!problems.isEmpty()) {
        reject(rejectedEvents, Topics.EVENTS, problems.get(0).reason(), now);
        return null;
      }
      return event;
    } catch (RejectedRecordException e) {
      reject(rejectedEvents, Topics.EVENTS, e.reason(), now);
      return null;
    }
  }

  private void addPersonalIds(DisseminationEvent event) {
    for (String id : new String[] {event.userId(), event.personId()}) {
      if (id != null && !id.isEmpty()) {
        personalIds.add(id);
      }
    }
  }

  private void addArticle(byte[] bytes, Instant now, AvroSingleObjectCodec codec) {
    Article article;
    try {
      article = Article.fromGenericRecord(codec.decode(bytes));
    } catch (RejectedRecordException e) {
      reject(rejectedArticles, Topics.ARTICLES, e.reason(), now);
      return;
    }
    List<ValidationProblem> problems = article.validate(now);
    if (!problems.isEmpty()) {
      reject(rejectedArticles, Topics.ARTICLES, problems.get(0).reason(), now);
      return;
    }
    Article known = latestArticles.get(article.articleId());
    if (known == null || !article.updatedAt().isBefore(known.updatedAt())) {
      latestArticles.put(article.articleId(), article);
    }
  }

  private void addPlatformCount(byte[] bytes, Instant now, AvroSingleObjectCodec codec) {
    PlatformCount report;
    try {
      report = PlatformCount.fromGenericRecord(codec.decode(bytes));
    } catch (RejectedRecordException e) {
      reject(rejectedPlatformCounts, Topics.PLATFORM_COUNTS, e.reason(), now);
      return;
    }
    List<ValidationProblem> problems = report.validate(now);
    if (!problems.isEmpty()) {
      reject(rejectedPlatformCounts, Topics.PLATFORM_COUNTS, problems.get(0).reason(), now);
      return;
    }
    PlatformDay key = new PlatformDay(report.articleId(), report.channel(), report.day());
    PlatformCount known = latestPlatformCounts.get(key);
    if (known == null
        || report.asOf().isAfter(known.asOf())
        || (report.asOf().equals(known.asOf())
            && report.reportId().compareTo(known.reportId()) > 0)) {
      latestPlatformCounts.put(key, report);
    }
  }

  private void reject(
      Map<RejectReason, Long> byReason, String topic, RejectReason reason, Instant sentAt) {
    byReason.merge(reason, 1L, Long::sum);
    qualityMinutes.merge(
        QualityMinute.rejected(sentAt.toEpochMilli(), topic, reason), 1L, Long::sum);
  }

  private static Instant minuteOf(long millis) {
    return Instant.ofEpochMilli(Math.floorDiv(millis, 60_000L) * 60_000L);
  }

  private void add(DisseminationEvent event) {
    events.add(event);
    Counts counts = Counts.of(event);
    long millis = event.eventTime().toEpochMilli();
    Instant minute = Instant.ofEpochMilli(Math.floorDiv(millis, 60_000L) * 60_000L);
    minutes.merge(
        new ArticleChannelMinute(event.articleId(), event.channel(), minute), counts, Counts::plus);
    byChannel.merge(event.channel(), counts, Counts::plus);
    totals = totals.plus(counts);
    switch (event.eventType()) {
      case VIEW -> {
        String viewer =
            event.personId() != null
                ? event.personId()
                : event.channel().name() + ":" + event.userId();
        viewersByArticle.computeIfAbsent(event.articleId(), a -> new HashSet<>()).add(viewer);
        viewers.add(viewer);
      }
      case REPOST ->
          outletsByArticle
              .computeIfAbsent(event.articleId(), a -> new TreeSet<>())
              .add(event.outlet());
      default -> {}
    }
  }

  /**
   * Every raw {@code user_id} and {@code person_id} the stream sends: those of every record of
   * {@code chuanbo.events} that decodes, accepted or not. The broken ones that do not decode
   * (truncated, JSON, unknown fingerprint) are made from an event the stream sends as well ({@link
   * MalformedRecords}), so their ids are here too. None may be stored raw (DOMAIN.md: user ids are
   * personal data).
   */
  public SortedSet<String> personalIds() {
    return Collections.unmodifiableSortedSet(personalIds);
  }

  /** The accepted events, deduplicated, in the order received. */
  public List<DisseminationEvent> events() {
    return Collections.unmodifiableList(events);
  }

  /** Counts per article × channel × minute of event time, only rows with an event. */
  public SortedMap<ArticleChannelMinute, Counts> minuteCounts() {
    return Collections.unmodifiableSortedMap(minutes);
  }

  /** Counts of the whole stream. */
  public Counts totals() {
    return totals;
  }

  /** Counts per channel. */
  public Map<Channel, Counts> totalsByChannel() {
    return Collections.unmodifiableMap(byChannel);
  }

  /** Counts of one article over all channels and minutes. */
  public Counts articleTotals(String articleId) {
    Counts sum = Counts.ZERO;
    for (var row :
        minutes
            .subMap(
                new ArticleChannelMinute(articleId, Channel.values()[0], Instant.MIN),
                new ArticleChannelMinute(articleId + "\0", Channel.values()[0], Instant.MIN))
            .values()) {
      sum = sum.plus(row);
    }
    return sum;
  }

  /** Distinct viewers of one article (0 if none). */
  public long reach(String articleId) {
    Set<String> set = viewersByArticle.get(articleId);
    return set == null ? 0 : set.size();
  }

  /** Distinct viewers per article that has views. */
  public Map<String, Long> reachByArticle() {
    Map<String, Long> reach = new TreeMap<>();
    viewersByArticle.forEach((article, set) -> reach.put(article, (long) set.size()));
    return reach;
  }

  /** Distinct viewers over all articles. */
  public long overallReach() {
    return viewers.size();
  }

  /** The distinct outlets that reposted one article. */
  public SortedSet<String> outlets(String articleId) {
    return Collections.unmodifiableSortedSet(
        outletsByArticle.getOrDefault(articleId, Collections.emptySortedSet()));
  }

  /**
   * The longest share chain of one article (DOMAIN.md: a share of a share of a share = 3), i.e.
   * {@link ArticleSpread#maxDepth()}; a share through a share not in the article hangs from the
   * root. 0 for an article without shares.
   */
  public int cascadeDepth(String articleId) {
    ArticleSpread article = spreadByArticle().get(articleId);
    return article == null ? 0 : article.maxDepth();
  }

  /**
   * The winning platform report of each (article, channel, Shanghai day): the accepted one with the
   * greatest (as_of, report_id), whatever order they arrived in.
   */
  public SortedMap<PlatformDay, PlatformCount> latestPlatformCounts() {
    return Collections.unmodifiableSortedMap(latestPlatformCounts);
  }

  /** Rejected records of {@code chuanbo.platform_counts} by reason (decode or validate). */
  public Map<RejectReason, Long> rejectedPlatformCounts() {
    return Collections.unmodifiableMap(rejectedPlatformCounts);
  }

  /**
   * The spread of every article with at least one accepted event or accepted platform report, by
   * article id (see {@link ArticleSpread}).
   */
  public SortedMap<String, ArticleSpread> spreadByArticle() {
    return Collections.unmodifiableSortedMap(spread().byArticle);
  }

  /**
   * Every share node of every article's cascade, by share_id. Share ids are unique across the
   * generated streams; should two articles carry the same one, the first received is kept here.
   */
  public SortedMap<String, CascadeShare> cascadeShares() {
    return Collections.unmodifiableSortedMap(spread().shares);
  }

  /**
   * Share ids whose via_share_id names no SHARE of the same article (they hang from the root).
   * Empty for generated streams: a share's readers only exist once the share does.
   */
  public SortedSet<String> orphanShares() {
    return Collections.unmodifiableSortedSet(spread().orphans);
  }

  private Spread spread() {
    if (spread == null) {
      spread = new Spread(events, viewersByArticle, latestPlatformCounts);
    }
    return spread;
  }

  /** Rejected records of {@code chuanbo.events} by reason (decode or validate). */
  public Map<RejectReason, Long> rejectedEvents() {
    return Collections.unmodifiableMap(rejectedEvents);
  }

  /** All rejected records of {@code chuanbo.events}. */
  public long rejectedEventCount() {
    return rejectedEvents.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rejected records of {@code chuanbo.articles} by reason. */
  public Map<RejectReason, Long> rejectedArticles() {
    return Collections.unmodifiableMap(rejectedArticles);
  }

  /** Valid records whose event_id had been seen before (dropped). */
  public long duplicatesDropped() {
    return duplicates;
  }

  /**
   * Rejected records and duplicates per minute of their send time, topic, outcome and reason: the
   * content of {@code chuanbo.ingest_quality_minute} summed by group.
   */
  public SortedMap<QualityMinute, Long> qualityMinutes() {
    return Collections.unmodifiableSortedMap(qualityMinutes);
  }

  /** The latest valid version of each article, by article_id. */
  public Map<String, Article> latestArticles() {
    return Collections.unmodifiableMap(latestArticles);
  }

  /** A summary for logs and reports, e.g. in a test failure. */
  @Override
  public String toString() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("events", events.size());
    summary.put("duplicatesDropped", duplicates);
    summary.put("rejectedEvents", rejectedEvents);
    summary.put("articles", latestArticles.size());
    summary.put("totals", totals);
    summary.put("overallReach", viewers.size());
    summary.put("platformCounts", latestPlatformCounts.size());
    summary.put("rejectedPlatformCounts", rejectedPlatformCounts);
    return "GeneratedStreamFacts" + summary;
  }

  /**
   * The per-article spread facts, computed in one pass over the accepted events and the winning
   * reports, the plainest way: counters per article and channel-day, each cascade as a tree of
   * parent links, structural virality by a breadth-first search from every node.
   */
  private static final class Spread {

    private static final int VIEWS = 0;
    private static final int SHARES = 1;
    private static final int LIKES = 2;
    private static final int COMMENTS = 3;

    final SortedMap<String, ArticleSpread> byArticle = new TreeMap<>();
    final SortedMap<String, CascadeShare> shares = new TreeMap<>();
    final SortedSet<String> orphans = new TreeSet<>();

    /** What one article's events say, before the reports and the cascade are added. */
    private static final class Tally {
      long countedViews;
      long directViews;
      long viaShareViews;
      long countedShares;
      long reposts;
      final Set<String> outlets = new HashSet<>();
      Instant firstRepostAt;

      /** Per channel and day: {views, shares, likes, comments} counted. */
      final Map<Channel, SortedMap<LocalDate, long[]>> counted = new EnumMap<>(Channel.class);

      /** The article's share nodes, first received of each share_id, in received order. */
      final Map<String, DisseminationEvent> nodes = new LinkedHashMap<>();
    }

    Spread(
        List<DisseminationEvent> events,
        Map<String, Set<String>> viewersByArticle,
        SortedMap<PlatformDay, PlatformCount> reports) {
      Map<String, Tally> tallies = new TreeMap<>();
      for (DisseminationEvent e : events) {
        Tally t = tallies.computeIfAbsent(e.articleId(), a -> new Tally());
        long[] day =
            t.counted
                .computeIfAbsent(e.channel(), c -> new TreeMap<>())
                .computeIfAbsent(
                    LocalDate.ofInstant(e.eventTime(), GeneratorSettings.SHANGHAI),
                    d -> new long[4]);
        switch (e.eventType()) {
          case VIEW -> {
            day[VIEWS]++;
            t.countedViews++;
            if (e.viaShareId() == null) {
              t.directViews++;
            } else {
              t.viaShareViews++;
            }
          }
          case SHARE -> {
            day[SHARES]++;
            t.countedShares++;
            t.nodes.putIfAbsent(e.shareId(), e);
          }
          case LIKE -> day[LIKES]++;
          case COMMENT -> day[COMMENTS]++;
          case REPOST -> {
            t.reposts++;
            t.outlets.add(e.outlet());
            if (t.firstRepostAt == null || e.eventTime().isBefore(t.firstRepostAt)) {
              t.firstRepostAt = e.eventTime();
            }
          }
          case UNKNOWN -> {} // never reached: validate rejects it
        }
      }
      // Per article, channel and day: the winning report's {views, shares, likes, comments}.
      Map<String, Map<Channel, SortedMap<LocalDate, long[]>>> reported = new HashMap<>();
      reports.forEach(
          (key, r) -> {
            tallies.computeIfAbsent(key.articleId(), a -> new Tally());
            reported
                .computeIfAbsent(key.articleId(), a -> new EnumMap<>(Channel.class))
                .computeIfAbsent(key.channel(), c -> new TreeMap<>())
                .put(key.day(), new long[] {r.views(), r.shares(), r.likes(), r.comments()});
          });

      Map<DisseminationEvent, CascadeShare> nodeOf = new IdentityHashMap<>();
      for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
        String articleId = entry.getKey();
        Tally t = entry.getValue();
        long[] effective = new long[4];
        int channels = 0;
        for (Channel channel : Channel.values()) {
          SortedMap<LocalDate, long[]> counted =
              t.counted.getOrDefault(channel, Collections.emptySortedMap());
          SortedMap<LocalDate, long[]> byReport =
              reported
                  .getOrDefault(articleId, Map.of())
                  .getOrDefault(channel, Collections.emptySortedMap());
          Set<LocalDate> days = new TreeSet<>(counted.keySet());
          days.addAll(byReport.keySet());
          long channelViews = 0;
          for (LocalDate d : days) {
            long[] c = counted.getOrDefault(d, new long[4]);
            long[] r = byReport.getOrDefault(d, new long[4]);
            for (int i = 0; i < 4; i++) {
              effective[i] += Math.max(c[i], r[i]);
            }
            channelViews += Math.max(c[VIEWS], r[VIEWS]);
          }
          if (channelViews > 0) {
            channels++;
          }
        }

        Cascade cascade = new Cascade(t.nodes);
        for (DisseminationEvent share : t.nodes.values()) {
          if (share.viaShareId() != null && !t.nodes.containsKey(share.viaShareId())) {
            orphans.add(share.shareId());
          }
          nodeOf.put(
              share,
              new CascadeShare(
                  articleId,
                  share.shareId(),
                  cascade.parent.get(share.shareId()),
                  share.viaShareId(),
                  cascade.generation.get(share.shareId()),
                  share.channel(),
                  share.eventTime()));
        }
        Set<String> viewers = viewersByArticle.get(articleId);
        byArticle.put(
            articleId,
            new ArticleSpread(
                effective[VIEWS],
                t.countedViews,
                t.directViews,
                t.viaShareViews,
                viewers == null ? 0 : viewers.size(),
                effective[SHARES],
                t.countedShares,
                t.reposts,
                effective[LIKES],
                effective[COMMENTS],
                effective[LIKES] + effective[COMMENTS] + effective[SHARES] + t.reposts,
                t.outlets.size(),
                t.firstRepostAt,
                t.nodes.size(),
                cascade.maxDepth(),
                cascade.meanDepth(),
                cascade.sharesPerGeneration(),
                cascade.structuralVirality(),
                channels));
      }
      // First received wins, across articles too (generated share ids never repeat).
      for (DisseminationEvent e : events) {
        CascadeShare node = nodeOf.get(e);
        if (node != null) {
          shares.putIfAbsent(node.shareId(), node);
        }
      }
    }
  }

  /**
   * One article's share tree: the root (the article) and its share nodes. A share's parent is the
   * share its via_share_id names if the article has a SHARE with that id, else the root. Only
   * hand-made input can make parent links loop (a via b, b via a); such a loop is cut at its
   * first-received share, which then hangs from the root.
   */
  private static final class Cascade {

    /** share_id → parent share_id, null for the root. */
    final Map<String, String> parent = new LinkedHashMap<>();

    final Map<String, Integer> generation = new LinkedHashMap<>();

    Cascade(Map<String, DisseminationEvent> nodes) {
      for (DisseminationEvent share : nodes.values()) {
        String via = share.viaShareId();
        parent.put(share.shareId(), via != null && nodes.containsKey(via) ? via : null);
      }
      List<String> order = new ArrayList<>(nodes.keySet());
      for (String start : order) {
        // Walk up; a share met twice on the way is on a loop: cut the loop's first received.
        List<String> path = new ArrayList<>();
        Set<String> onPath = new HashSet<>();
        String current = start;
        while (current != null && !generation.containsKey(current) && onPath.add(current)) {
          path.add(current);
          current = parent.get(current);
        }
        if (current != null && !generation.containsKey(current)) {
          List<String> loop = path.subList(path.indexOf(current), path.size());
          String cut = loop.stream().min(Comparator.comparingInt(order::indexOf)).orElseThrow();
          parent.put(cut, null);
          path = path.subList(0, path.indexOf(cut) + 1);
          current = null;
        }
        int depth = current == null ? 0 : generation.get(current);
        for (int i = path.size() - 1; i >= 0; i--) {
          generation.put(path.get(i), ++depth);
        }
      }
    }

    int maxDepth() {
      return generation.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    double meanDepth() {
      return generation.values().stream().mapToInt(Integer::intValue).average().orElse(0.0);
    }

    List<Long> sharesPerGeneration() {
      long[] perGeneration = new long[maxDepth()];
      generation.values().forEach(g -> perGeneration[g - 1]++);
      List<Long> list = new ArrayList<>();
      for (long n : perGeneration) {
        list.add(n);
      }
      return Collections.unmodifiableList(list);
    }

    /**
     * The mean shortest-path distance over all unordered pairs of nodes, root included (Goel et al.
     * 2016): a breadth-first search from every node over the undirected tree.
     */
    double structuralVirality() {
      int n = parent.size() + 1;
      if (n < 2) {
        return 0.0;
      }
      Map<String, Integer> index = new HashMap<>();
      List<String> ids = new ArrayList<>(parent.keySet());
      for (int i = 0; i < ids.size(); i++) {
        index.put(ids.get(i), i + 1); // 0 is the root
      }
      List<List<Integer>> neighbours = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        neighbours.add(new ArrayList<>());
      }
      for (String id : ids) {
        int child = index.get(id);
        String p = parent.get(id);
        int up = p == null ? 0 : index.get(p);
        neighbours.get(child).add(up);
        neighbours.get(up).add(child);
      }
      long sum = 0; // over ordered pairs: twice the sum over unordered ones
      for (int from = 0; from < n; from++) {
        int[] distance = new int[n];
        Arrays.fill(distance, -1);
        distance[from] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(from);
        while (!queue.isEmpty()) {
          int node = queue.poll();
          for (int next : neighbours.get(node)) {
            if (distance[next] < 0) {
              distance[next] = distance[node] + 1;
              sum += distance[next];
              queue.add(next);
            }
          }
        }
      }
      return (double) sum / ((long) n * (n - 1));
    }
  }
}
