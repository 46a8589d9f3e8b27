package org.chuanbo.jobs.spread;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.chuanbo.jobs.records.CascadeShare;

/**
 * Collectors deliver shares in any order: the same shares, shuffled and with repeats, build the
 * same tree, every share attached exactly once, at the generation its chain gives it.
 */
class ShareTreePropertiesTest {

  private static final long WAIT = Duration.ofHours(24).toMillis();
  private static final long START = 1_764_000_000_000L;

  /** A random tree: share i's parent is the root (-1) or an earlier share; shares in some order. */
  record Scenario(int[] parent, List<Integer> arrivalOrder) {

    String id(int share) {
      return "s" + share;
    }

    int generation(int share) {
      return parent[share] < 0 ? 1 : generation(parent[share]) + 1;
    }

    PendingShare event(int share) {
      String via = parent[share] < 0 ? null : id(parent[share]);
      // A child is shared after its parent: event times follow the chain.
      return new PendingShare(id(share), via, "WECHAT", "hz", START + share * 60_000L);
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Arbitraries.doubles()
        .between(0, 1)
        .list()
        .ofMinSize(1)
        .ofMaxSize(80)
        .flatMap(
            fractions -> {
              int n = fractions.size();
              int[] parent = new int[n];
              for (int i = 0; i < n; i++) {
                // i + 1 choices: the root, or one of the i earlier shares.
                parent[i] = Math.min(i, (int) Math.floor(fractions.get(i) * (i + 1))) - 1;
              }
              List<Integer> withRepeats = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                withRepeats.add(i);
                if (i % 7 == 3) {
                  withRepeats.add(i); // a share id delivered twice
                }
              }
              return Arbitraries.shuffle(withRepeats).map(order -> new Scenario(parent, order));
            });
  }

  @Property(tries = 300)
  void sameTreeWhateverTheArrivalOrder(@ForAll("scenarios") Scenario scenario) throws Exception {
    InMemoryShareStore store = new InMemoryShareStore();
    ShareTree tree = new ShareTree("a1", store, WAIT, 10_000);
    Map<String, CascadeShare> attached = new HashMap<>();
    long pending = 0;
    long clock = Long.MIN_VALUE;
    for (int share : scenario.arrivalOrder()) {
      PendingShare event = scenario.event(share);
      clock = Math.max(clock, event.eventTimeMillis);
      ShareTree.Change change = tree.add(event);
      pending += change.pendingDelta();
      ShareTree.Change givenUp = tree.giveUp(clock, pending);
      pending += givenUp.pendingDelta();
      assertThat(givenUp.attached()).as("nobody waits 24 h here").isEmpty();
      for (CascadeShare row : change.attached()) {
        assertThat(attached.put(row.shareId(), row)).as("attached once: " + row.shareId()).isNull();
      }
    }
    assertThat(pending).isZero();
    assertThat(store.pending).isEmpty();
    assertThat(attached).hasSize(scenario.parent().length);
    for (int share = 0; share < scenario.parent().length; share++) {
      CascadeShare row = attached.get(scenario.id(share));
      int parent = scenario.parent()[share];
      assertThat(row.parentShareId()).isEqualTo(parent < 0 ? null : scenario.id(parent));
      assertThat(row.generation()).isEqualTo(scenario.generation(share));
      assertThat(row.parentMissing()).isFalse();
    }
  }

  @Provide
  Arbitrary<List<Integer>> orders() {
    return Arbitraries.shuffle(List.of(0, 1, 2, 3));
  }

  @Property(tries = 50)
  void sharesWhoseParentNeverCameAreAttachedToTheRootOnceTheWaitIsOver(
      @ForAll("orders") List<Integer> order) throws Exception {
    // s1 came through a share that never arrives; s2 through s1; s3 through s2; s0 directly.
    PendingShare[] shares = {
      new PendingShare("s0", null, "APP", "zp", START),
      new PendingShare("s1", "lost", "APP", "zp", START + 1_000),
      new PendingShare("s2", "s1", "APP", "zp", START + 2_000),
      new PendingShare("s3", "s2", "APP", "zp", START + 3_000)
    };
    InMemoryShareStore store = new InMemoryShareStore();
    ShareTree tree = new ShareTree("a1", store, WAIT, 10_000);
    List<CascadeShare> attached = new ArrayList<>();
    long pending = 0;
    for (int i : order) {
      ShareTree.Change change = tree.add(shares[i]);
      pending += change.pendingDelta();
      attached.addAll(change.attached());
    }
    assertThat(pending).isEqualTo(3);
    ShareTree.Change notYet = tree.giveUp(START + WAIT, pending);
    assertThat(notYet.attached()).isEmpty();

    ShareTree.Change late = tree.giveUp(START + 1_001 + WAIT, pending);
    attached.addAll(late.attached());
    assertThat(late.givenUp()).isEqualTo(1);
    assertThat(pending + late.pendingDelta()).isZero();
    Map<String, String> parents = new HashMap<>();
    Map<String, Integer> generations = new HashMap<>();
    for (CascadeShare row : attached) {
      parents.put(row.shareId(), String.valueOf(row.parentShareId()));
      generations.put(row.shareId(), row.generation());
    }
    assertThat(parents)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("s0", "null", "s1", "null", "s2", "s1", "s3", "s2"));
    assertThat(generations)
        .containsExactlyInAnyOrderEntriesOf(Map.of("s0", 1, "s1", 1, "s2", 2, "s3", 3));
    assertThat(attached.stream().filter(CascadeShare::parentMissing).map(CascadeShare::shareId))
        .containsExactly("s1");
  }

  @Property(tries = 20)
  void waitingIsBoundedInCount(@ForAll("orders") List<Integer> order) throws Exception {
    InMemoryShareStore store = new InMemoryShareStore();
    ShareTree tree = new ShareTree("a1", store, WAIT, 2);
    long pending = 0;
    List<CascadeShare> attached = new ArrayList<>();
    for (int i : order) {
      ShareTree.Change change =
          tree.add(new PendingShare("s" + i, "lost" + i, "TV", "fc", START + i * 1_000L));
      pending += change.pendingDelta();
      ShareTree.Change givenUp = tree.giveUp(START, pending);
      pending += givenUp.pendingDelta();
      attached.addAll(givenUp.attached());
    }
    assertThat(pending).isEqualTo(2);
    assertThat(attached).hasSize(2).allMatch(CascadeShare::parentMissing);
  }
}
