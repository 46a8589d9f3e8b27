package org.chuanbo.generator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
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

  private final List<DisseminationEvent> events = new ArrayList<>();
  private final SortedMap<ArticleChannelMinute, Counts> minutes = new TreeMap<>();
  private final Map<Channel, Counts> byChannel = new EnumMap<>(Channel.class);
  private final Map<String, Set<String>> viewersByArticle = new HashMap<>();
  private final Set<String> viewers = new HashSet<>();
  private final Map<String, SortedSet<String>> outletsByArticle = new HashMap<>();
  private final Map<String, String> parentOfShare = new HashMap<>();
  private final Map<String, String> articleOfShare = new HashMap<>();
  private final Map<RejectReason, Long> rejectedEvents = new EnumMap<>(RejectReason.class);
  private final Map<RejectReason, Long> rejectedArticles = new EnumMap<>(RejectReason.class);
  private final Map<String, Article> latestArticles = new TreeMap<>();
  private Counts totals = Counts.ZERO;
  private long duplicates;

  private GeneratedStreamFacts() {}

  /** The facts of these records, taken in the given order (send order). */
  public static GeneratedStreamFacts of(Iterable<OutgoingRecord> records) {
    SchemaCatalog catalog = SchemaCatalog.released();
    AvroSingleObjectCodec eventCodec =
        AvroSingleObjectCodec.forRecord(catalog, DisseminationEvent.AVRO_NAME);
    AvroSingleObjectCodec articleCodec =
        AvroSingleObjectCodec.forRecord(catalog, Article.AVRO_NAME);
    GeneratedStreamFacts facts = new GeneratedStreamFacts();
    Set<String> seen = new HashSet<>();
    for (OutgoingRecord record : records) {
      Instant now = Instant.ofEpochMilli(record.sendAtMillis());
      if (record.topic().equals(Topics.ARTICLES)) {
        facts.addArticle(record.value(), now, articleCodec);
      } else if (record.topic().equals(Topics.EVENTS)) {
        DisseminationEvent event = facts.decodeEvent(record.value(), now, eventCodec);
        if (event == null) {
          continue;
        }
        if (!seen.add(event.eventId())) {
          facts.duplicates++;
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
      List<ValidationProblem> problems = event.validate(now);
      if (!problems.isEmpty()) {
        rejectedEvents.merge(problems.get(0).reason(), 1L, Long::sum);
        return null;
      }
      return event;
    } catch (RejectedRecordException e) {
      rejectedEvents.merge(e.reason(), 1L, Long::sum);
      return null;
    }
  }

  private void addArticle(byte[] bytes, Instant now, AvroSingleObjectCodec codec) {
    Article article;
    try {
      article = Article.fromGenericRecord(codec.decode(bytes));
    } catch (RejectedRecordException e) {
      rejectedArticles.merge(e.reason(), 1L, Long::sum);
      return;
    }
    List<ValidationProblem> problems = article.validate(now);
    if (!problems.isEmpty()) {
      rejectedArticles.merge(problems.get(0).reason(), 1L, Long::sum);
      return;
    }
    Article known = latestArticles.get(article.articleId());
    if (known == null || !article.updatedAt().isBefore(known.updatedAt())) {
      latestArticles.put(article.articleId(), article);
    }
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
      case SHARE -> {
        parentOfShare.put(event.shareId(), event.viaShareId());
        articleOfShare.put(event.shareId(), event.articleId());
      }
      default -> {}
    }
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
   * The longest share chain of one article (DOMAIN.md: a share of a share of a share = 3); a share
   * through a share not in the stream counts that one as a level.
   */
  public int cascadeDepth(String articleId) {
    Map<String, Integer> memo = new HashMap<>();
    int deepest = 0;
    for (Map.Entry<String, String> share : articleOfShare.entrySet()) {
      if (share.getValue().equals(articleId)) {
        deepest = Math.max(deepest, depth(share.getKey(), memo));
      }
    }
    return deepest;
  }

  private int depth(String shareId, Map<String, Integer> memo) {
    List<String> chain = new ArrayList<>();
    Set<String> onChain = new HashSet<>();
    String current = shareId;
    int base = 0;
    while (current != null) {
      Integer known = memo.get(current);
      if (known != null) {
        base = known;
        break;
      }
      if (!onChain.add(current)) {
        break; // a cycle: only hand-made input can have one; stop rather than loop
      }
      chain.add(current);
      if (!parentOfShare.containsKey(current)) {
        break; // a share we never received: it is one level, counted below
      }
      current = parentOfShare.get(current);
    }
    for (int i = chain.size() - 1; i >= 0; i--) {
      base++;
      memo.put(chain.get(i), base);
    }
    return memo.get(shareId);
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
    return "GeneratedStreamFacts" + summary;
  }
}
