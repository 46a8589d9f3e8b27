package org.chuanbo.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.jobs.functions.TestEvents.BEGINNING;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.StateBackendLoader;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.chuanbo.jobs.records.ArticleVersion;
import org.chuanbo.jobs.records.EnrichedEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A job upgraded from a savepoint keeps the events that were waiting for their article: the join's
 * state restores from snapshots taken before {@link EnrichedEvent} had a serializer of its own,
 * when Flink serialized it as a POJO, on the backends a deployment uses: hashmap with the state
 * changelog locally, rocksdb in production (and hashmap alone).
 *
 * <p>The snapshots in {@code src/test/resources/state/} were written with the code of commit
 * 192329f, the last before the serializer: this test as it was then ({@code
 * -Dchuanbo.writeStateFixtures=true} ran its {@code writeFixture}: the three events below into a
 * fresh harness at processing time 0, then {@code OperatorSnapshotUtil.writeStateHandle}), the
 * changelog's the same way with the {@code CHANGELOG} backend below. That code is gone: written
 * again today, they would no longer be POJO snapshots.
 */
class JoinArticleOfficeRestoreTest {

  enum Backend {
    HASHMAP {
      @Override
      StateBackend create() {
        return new HashMapStateBackend();
      }
    },
    ROCKSDB {
      @Override
      StateBackend create() {
        return new EmbeddedRocksDBStateBackend();
      }
    },
    CHANGELOG {
      @Override
      StateBackend create() {
        Configuration changelog = new Configuration();
        changelog.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
        try {
          return StateBackendLoader.fromApplicationOrConfigOrDefault(
              new HashMapStateBackend(),
              changelog,
              new Configuration(),
              JoinArticleOfficeRestoreTest.class.getClassLoader(),
              null);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };

    abstract StateBackend create();

    Path fixture() {
      return Path.of(
          "src/test/resources/state/join-article-office-pojo-"
              + name().toLowerCase()
              + ".snapshot");
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Waits for art-1, which arrives after the restore: every field set, attributes too. */
  private static final EnrichedEvent FULL =
      new EnrichedEvent(
          "e-full",
          "VIEW",
          BEGINNING,
          "art-1",
          null,
          "WECHAT",
          "u-1",
          "p-1",
          "p:p-1",
          "MOBILE",
          "江苏省南京市",
          "s-1",
          "s-0",
          "新华网",
          42_000L,
          new HashMap<>(Map.of("campaign", "两学一做", "ref", "朋友圈")),
          BEGINNING + 5);

  /** Waits for art-1 too: the optional values absent. */
  private static final EnrichedEvent SPARSE =
      new EnrichedEvent(
          "e-sparse",
          "SHARE",
          BEGINNING + 1,
          "art-1",
          null,
          "WEB",
          "u-2",
          null,
          "WEB:u-2",
          "PC",
          null,
          null,
          null,
          null,
          null,
          new HashMap<>(),
          BEGINNING + 6);

  /** Waits for art-1 too, added after the restore. */
  private static final EnrichedEvent LATER = TestEvents.view("e-later", BEGINNING + 2, "art-1");

  /** Waits for art-2, which never arrives: released as unknown when its timer fires. */
  private static final EnrichedEvent ORPHAN = TestEvents.view("e-orphan", BEGINNING, "art-2");

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, EnrichedEvent, ArticleVersion, EnrichedEvent>
      harness(Backend backend) throws Exception {
    var harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new JoinArticleOffice(WAIT)),
            EnrichedEvent::articleId,
            ArticleVersion::articleId,
            Types.STRING);
    harness.setStateBackend(backend.create());
    return harness;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void shouldReleaseTheEventsThatWaitedInAnOlderSnapshot(Backend backend) throws Exception {
    OperatorSubtaskState older = OperatorSnapshotUtil.readStateHandle(backend.fixture().toString());
    OperatorSubtaskState upgraded;
    try (var harness = harness(backend)) {
      harness.setup();
      harness.initializeState(older);
      harness.open();
      harness.setProcessingTime(1);
      // One more event waits, written by today's serializer beside the restored ones.
      harness.processElement1(new StreamRecord<>(LATER));
      upgraded = harness.snapshot(2, 2);
    }

    // The upgraded job's own checkpoint restores too: the old events and the new one in one list
    // (with the changelog, a log whose older part was written in the old format).
    try (var harness = harness(backend)) {
      harness.setup();
      harness.initializeState(upgraded);
      harness.open();
      harness.setProcessingTime(2);
      harness.processElement2(
          new StreamRecord<>(
              new ArticleVersion(
                  "art-1", "我是党员", "zs", "", "ARTICLE", "李编辑", BEGINNING, BEGINNING)));
      assertThat(harness.extractOutputValues())
          .containsExactly(FULL.withOffice("zs"), SPARSE.withOffice("zs"), LATER.withOffice("zs"));

      // The timer restored with the state still bounds the wait of the article that never came.
      harness.setProcessingTime(WAIT.toMillis() + 1);
      assertThat(harness.extractOutputValues())
          .containsExactly(
              FULL.withOffice("zs"),
              SPARSE.withOffice("zs"),
              LATER.withOffice("zs"),
              ORPHAN.withOffice(EnrichedEvent.UNKNOWN_OFFICE));
    }
  }
}
