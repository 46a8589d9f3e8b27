package org.chuanbo.cli.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.ContentType;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.EventType;
import org.chuanbo.schemas.records.Terminal;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * Freshness at one produce rate: while the job runs, events go to Kafka at {@code rate} events/s
 * (views of the loaded articles, unique ids, event time = now), and among them ten probes a second:
 * views of a dedicated probe article, each stamped with the wall clock just before it is handed to
 * the producer. A reader polls {@code chuanbo.article_minute} and {@code chuanbo.article_spread}
 * every {@link #POLL}; a probe is visible when its minute's summed views (resp. the article's
 * views) reach its rank in send order. Its delay is from its produce time to the sending of the
 * first poll that saw it: what a dashboard polling that often would see, poll interval included.
 */
public final class Freshness {

  static final Duration POLL = Duration.ofMillis(100);
  static final int PROBES_PER_SECOND = 10;

  /** Load events sent before the probe clock is looked at again. */
  private static final int LOAD_CHUNK = 50;

  /** How long after the last produce the reader keeps looking for probes not seen yet. */
  static final Duration GRACE = Duration.ofSeconds(30);

  public record Delays(long seen, long unseen, Percentiles percentiles) {}

  public record Result(int rate, double achievedRate, long probes, Delays minute, Delays spread) {}

  private final String bootstrap;
  private final Client reader;
  private final List<String> loadArticles;
  private final Progress progress;
  private final AvroSingleObjectCodec eventCodec =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);
  private final AvroSingleObjectCodec articleCodec =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), Article.AVRO_NAME);

  public Freshness(String bootstrap, Client reader, List<String> loadArticles, Progress progress) {
    this.bootstrap = bootstrap;
    this.reader = reader;
    this.loadArticles = List.copyOf(loadArticles);
    this.progress = progress;
  }

  public Result run(int rate, Duration duration) throws InterruptedException {
    String probeArticle = "bench-probe-" + rate + "-" + System.currentTimeMillis();
    int maxProbes = (int) (duration.toSeconds() * PROBES_PER_SECOND) + PROBES_PER_SECOND;
    long[] sentAt = new long[maxProbes];
    long[] minuteOf = new long[maxProbes];
    long[] seenInMinute = new long[maxProbes];
    long[] seenInSpread = new long[maxProbes];
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      publishProbeArticle(producer, probeArticle);
      progress.line(
          "freshness at %,d events/s for %d s (probe article %s) …",
          rate, duration.toSeconds(), probeArticle);
      ProbeReader probeReader =
          new ProbeReader(probeArticle, sentAt, minuteOf, seenInMinute, seenInSpread);
      Thread polling = new Thread(probeReader, "bench-freshness-reader");
      polling.start();
      SplittableRandom random = new SplittableRandom(rate);
      Channel[] channels = Channel.values();
      Terminal[] terminals = Terminal.values();
      byte[] probeKey = probeArticle.getBytes(StandardCharsets.UTF_8);
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long sent = 0;
      int probes = 0;
      while (System.nanoTime() < end) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        long due = (long) (elapsed * rate);
        // At most a few milliseconds of load between two looks at the probe clock: a producer
        // that falls behind catches up in small steps, so the probes keep their 100 ms rhythm.
        for (long chunkEnd = Math.min(due, sent + LOAD_CHUNK); sent < chunkEnd; sent++) {
          String article = loadArticles.get(random.nextInt(loadArticles.size()));
          DisseminationEvent event =
              DisseminationEvent.builder()
                  .eventId("bench-" + rate + "-" + sent)
                  .eventType(EventType.VIEW)
                  .eventTime(Instant.now())
                  .articleId(article)
                  .channel(channels[random.nextInt(channels.length)])
                  .userId("bench-reader-" + random.nextInt(100_000))
                  .terminal(terminals[random.nextInt(terminals.length)])
                  .build();
          producer.send(
              new ProducerRecord<>(
                  Topics.EVENTS, article.getBytes(StandardCharsets.UTF_8), encode(event)));
        }
        if (probes < maxProbes && elapsed * PROBES_PER_SECOND >= probes) {
          long now = System.currentTimeMillis();
          DisseminationEvent probe =
              DisseminationEvent.builder()
                  .eventId(probeArticle + "-" + probes)
                  .eventType(EventType.VIEW)
                  .eventTime(Instant.ofEpochMilli(now))
                  .articleId(probeArticle)
                  .channel(Channel.WEBSITE)
                  .userId("bench-prober-" + probes)
                  .terminal(Terminal.PC)
                  .build();
          minuteOf[probes] = now / 60_000 * 60;
          sentAt[probes] = now;
          probeReader.sent(probes + 1);
          producer.send(new ProducerRecord<>(Topics.EVENTS, probeKey, encode(probe)));
          probes++;
        }
        if (sent >= due) {
          Thread.sleep(1);
        }
      }
      producer.flush();
      double seconds = (System.nanoTime() - start) / 1e9;
      progress.line(
          "  sent %,d events and %d probes (%,.0f events/s); waiting for the last probes …",
          sent + probes, probes, (sent + probes) / seconds);
      probeReader.finishedSending();
      probeReader.awaitAllSeen(GRACE);
      probeReader.stop();
      polling.join();
      return new Result(
          rate,
          (sent + probes) / seconds,
          probes,
          delays(sentAt, seenInMinute, probes),
          delays(sentAt, seenInSpread, probes));
    }
  }

  static Delays delays(long[] sentAt, long[] seenAt, int probes) {
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < probes; i++) {
      if (seenAt[i] > 0) {
        delays.add(Math.max(0, seenAt[i] - sentAt[i]));
      }
    }
    return new Delays(
        delays.size(), probes - delays.size(), delays.isEmpty() ? null : Percentiles.of(delays));
  }

  private void publishProbeArticle(KafkaProducer<byte[], byte[]> producer, String articleId)
      throws InterruptedException {
    Instant now = Instant.now();
    Article article =
        new Article(articleId, "基准测试探针稿件", "hz", "bench", ContentType.ARTICLE, "bench", now, now);
    producer.send(
        new ProducerRecord<>(
            Topics.ARTICLES,
            articleId.getBytes(StandardCharsets.UTF_8),
            articleCodec.encode(article.toGenericRecord(articleCodec.schema()))));
    producer.flush();
    // Probes of an article the job has not seen wait articleWait (3 s) for it: wait until it has.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (reader
            .queryAll(
                "SELECT count() FROM chuanbo.article_versions WHERE article_id = {a:String}",
                Map.of("a", articleId))
            .get(0)
            .getLong(1)
        == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the probe article did not reach ClickHouse in 60 s");
      }
      Thread.sleep(100);
    }
  }

  private byte[] encode(DisseminationEvent event) {
    return eventCodec.encode(event.toGenericRecord(eventCodec.schema()));
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The polling reader: marks each probe with the time of the first poll that saw it. */
  private final class ProbeReader implements Runnable {
    private final String article;
    private final long[] sentAt;
    private final long[] minuteOf;
    private final long[] seenInMinute;
    private final long[] seenInSpread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile int sent;
    private volatile boolean allSeen;
    private volatile boolean finished;

    ProbeReader(
        String article, long[] sentAt, long[] minuteOf, long[] seenInMinute, long[] seenInSpread) {
      this.article = article;
      this.sentAt = sentAt;
      this.minuteOf = minuteOf;
      this.seenInMinute = seenInMinute;
      this.seenInSpread = seenInSpread;
    }

    void sent(int count) {
      sent = count;
    }

    /** No more probes come; a poll that starts after this and sees them all ends the wait. */
    void finishedSending() {
      finished = true;
    }

    void stop() {
      running.set(false);
    }

    void awaitAllSeen(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!allSeen && System.nanoTime() < deadline) {
        Thread.sleep(POLL.toMillis());
      }
    }

    @Override
    public void run() {
      while (running.get()) {
        long pollStart = System.currentTimeMillis();
        boolean last = finished;
        int known = sent;
        poll(pollStart, known, last);
        long pause = POLL.toMillis() - (System.currentTimeMillis() - pollStart);
        if (pause > 0) {
          try {
            Thread.sleep(pause);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    private void poll(long pollStart, int known, boolean last) {
      Map<String, Object> parameters = Map.of("a", article);
      Map<Long, Long> viewsByMinute = new HashMap<>();
      for (GenericRecord row :
          reader.queryAll(
              "SELECT toUnixTimestamp(minute) AS m, sum(views) AS v FROM chuanbo.article_minute"
                  + " WHERE article_id = {a:String} GROUP BY m",
              parameters)) {
        viewsByMinute.put(row.getLong("m"), row.getLong("v"));
      }
      List<GenericRecord> spread =
          reader.queryAll(
              "SELECT views FROM chuanbo.article_spread WHERE article_id = {a:String}", parameters);
      long spreadViews = spread.isEmpty() ? 0 : spread.get(0).getLong(1);
      Map<Long, Long> rankInMinute = new HashMap<>();
      boolean everySeen = known > 0;
      for (int i = 0; i < known; i++) {
        long rank = rankInMinute.merge(minuteOf[i], 1L, Long::sum);
        if (seenInMinute[i] == 0 && viewsByMinute.getOrDefault(minuteOf[i], 0L) >= rank) {
          seenInMinute[i] = pollStart;
        }
        if (seenInSpread[i] == 0 && spreadViews >= i + 1) {
          seenInSpread[i] = pollStart;
        }
        everySeen &= seenInMinute[i] > 0 && seenInSpread[i] > 0;
      }
      allSeen = everySeen && last;
    }
  }
}
