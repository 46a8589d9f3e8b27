package org.chuanbo.kafka.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.chuanbo.schemas.Topics;

/**
 * The Kafka topics other people's tools rely on (a contract, see ARCHITECTURE.md): their names, and
 * their creation with the settings that make them what they are.
 *
 * <p>Replication is left to the broker's {@code default.replication.factor}, so the same
 * definitions serve the one-node local broker and a production cluster.
 */
public final class ContractTopics {

  public static final int DEFAULT_EVENT_PARTITIONS = 4;

  /**
   * One partition keeps rejects in the order they happened, which is how they are read when a fix
   * is replayed; their rate is far below one partition's capacity.
   */
  static final int DLQ_PARTITIONS = 1;

  /** Long enough to notice a reject in the monthly report and replay it after the fix. */
  static final Duration DLQ_RETENTION = Duration.ofDays(90);

  private ContractTopics() {}

  /**
   * The four topics. Articles and platform counts get as many partitions as events: all three are
   * keyed by {@code article_id}, so when the producers write the key alike, the default partitioner
   * puts an article, its events and its platform reports in the same partition number (a
   * per-partition join needs no shuffle). Platform counts are not compacted: a platform revises its
   * counts, every revision is kept, and the consumer decides which one wins (the latest {@code
   * as_of}, whatever order they arrive in); compaction by key would keep only the last one received
   * of all the article's days and channels.
   */
  public static List<NewTopic> definitions(int eventPartitions) {
    if (eventPartitions < 1) {
      throw new IllegalArgumentException("eventPartitions must be >= 1, got " + eventPartitions);
    }
    Optional<Short> brokerDefault = Optional.empty();
    return List.of(
        new NewTopic(Topics.EVENTS, Optional.of(eventPartitions), brokerDefault),
        new NewTopic(Topics.ARTICLES, Optional.of(eventPartitions), brokerDefault)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
        new NewTopic(Topics.PLATFORM_COUNTS, Optional.of(eventPartitions), brokerDefault),
        new NewTopic(Topics.EVENTS_DLQ, Optional.of(DLQ_PARTITIONS), brokerDefault)
            .configs(
                Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(DLQ_RETENTION.toMillis()))));
  }

  /** {@link #createMissing(Admin, int)} with {@value #DEFAULT_EVENT_PARTITIONS} partitions. */
  public static List<String> createMissing(Admin admin) throws InterruptedException {
    return createMissing(admin, DEFAULT_EVENT_PARTITIONS);
  }

  /**
   * Creates the contract topics that do not exist yet and returns their names. Topics that exist
   * are left exactly as they are: changing a keyed topic's partition count would move keys to other
   * partitions.
   */
  public static List<String> createMissing(Admin admin, int eventPartitions)
      throws InterruptedException {
    CreateTopicsResult result =
        admin.createTopics(
            definitions(eventPartitions), new CreateTopicsOptions().timeoutMs(30_000));
    List<String> created = new ArrayList<>();
    for (var topic : result.values().entrySet()) {
      try {
        topic.getValue().get();
        created.add(topic.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "cannot create topic " + topic.getKey() + ": " + e.getCause().getMessage(),
              e.getCause());
        }
      }
    }
    return created;
  }
}
