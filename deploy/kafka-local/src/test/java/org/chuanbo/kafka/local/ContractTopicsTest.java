package org.chuanbo.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.chuanbo.schemas.Topics;
import org.junit.jupiter.api.Test;

/** The topic definitions alone; LocalKafkaITCase creates them on a real broker. */
class ContractTopicsTest {

  private final Map<String, NewTopic> topics =
      ContractTopics.definitions(6).stream()
          .collect(Collectors.toMap(NewTopic::name, Function.identity()));

  @Test
  void shouldDefineEveryContractTopic() {
    assertThat(topics)
        .containsOnlyKeys(
            Topics.EVENTS, Topics.ARTICLES, Topics.PLATFORM_COUNTS, Topics.EVENTS_DLQ);
  }

  @Test
  void shouldPartitionArticlesAndPlatformCountsLikeEvents() {
    assertThat(topics.get(Topics.EVENTS).numPartitions()).isEqualTo(6);
    assertThat(topics.get(Topics.ARTICLES).numPartitions()).isEqualTo(6);
    assertThat(topics.get(Topics.PLATFORM_COUNTS).numPartitions()).isEqualTo(6);
    assertThat(topics.get(Topics.EVENTS_DLQ).numPartitions()).isEqualTo(1);
  }

  @Test
  void shouldKeepEveryPlatformRevisionButOnlyTheLatestArticleVersion() {
    Map<String, String> platform = topics.get(Topics.PLATFORM_COUNTS).configs();
    assertThat(platform == null ? Map.of() : platform)
        .as("broker default: delete, never compact")
        .doesNotContainKey(TopicConfig.CLEANUP_POLICY_CONFIG);
    assertThat(topics.get(Topics.ARTICLES).configs())
        .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
  }

  @Test
  void shouldRefuseNoPartitions() {
    assertThatThrownBy(() -> ContractTopics.definitions(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
