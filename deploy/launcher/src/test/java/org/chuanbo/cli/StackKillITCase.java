package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.chuanbo.cli.stack.StackLayout;
import org.chuanbo.cli.stack.StackState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the stack process, which runs no shutdown hook: its Kafka broker, a child JVM,
 * must not live on holding the port and the data directory — the next {@code stack up} on the same
 * ports starts cleanly.
 */
class StackKillITCase {

  @TempDir Path root;

  @Test
  void shouldLeaveNoBrokerBehindAfterKillNine() throws Exception {
    List<String> ports = CliProcess.freeStackPorts();
    List<ProcessHandle> children = new ArrayList<>();
    try {
      CliProcess.run(root, List.of("stack", "up"), ports).expectSuccess();
      StackState state = StackState.readFrom(StackLayout.in(root).stateFile()).orElseThrow();
      ProcessHandle stack = ProcessHandle.of(state.pid()).orElseThrow();
      stack.children().forEach(children::add);
      assertThat(children).as("the broker JVM under the stack").isNotEmpty();

      assertThat(stack.destroyForcibly()).as("SIGKILL sent").isTrue();

      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
      assertThat(CliProcess.run(root, "stack", "status").expectSuccess().output())
          .contains("not running");
      CliProcess.run(root, List.of("stack", "up"), ports).expectSuccess();
    } finally {
      CliProcess.run(root, "stack", "down");
      children.forEach(ProcessHandle::destroyForcibly); // an orphan of a failed run, not CI's
    }
  }
}
