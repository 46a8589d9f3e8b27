package org.chuanbo.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLogTest {

  @TempDir Path dir;

  @Test
  void shouldMoveALogPastTheLimitAsideReplacingTheOneBefore() throws Exception {
    Path log = dir.resolve("stack.log");
    Files.writeString(dir.resolve("stack.log.1"), "older");
    Files.writeString(log, "x".repeat(101));

    assertThat(StackLog.rotateIfLarge(log, 100)).isTrue();

    assertThat(log).doesNotExist();
    assertThat(Files.readString(dir.resolve("stack.log.1"))).hasSize(101);
  }

  @Test
  void shouldLeaveASmallOrMissingLogAlone() throws Exception {
    Path log = dir.resolve("stack.log");
    assertThat(StackLog.rotateIfLarge(log, 100)).isFalse();
    Files.writeString(log, "x".repeat(100));
    assertThat(StackLog.rotateIfLarge(log, 100)).isFalse();
    assertThat(log).hasContent("x".repeat(100));
  }
}
