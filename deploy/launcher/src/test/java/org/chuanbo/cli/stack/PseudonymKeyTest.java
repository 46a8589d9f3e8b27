package org.chuanbo.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyTest {

  @TempDir Path root;

  @Test
  void shouldGenerateASecretKeyOnceAndKeepIt() throws Exception {
    Path file = root.resolve(".chuanbo/pseudonym.key");
    String first = PseudonymKey.readOrCreate(file);
    assertThat(first).matches("[0-9a-f]{64}");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(PseudonymKey.readOrCreate(file)).as("kept across restarts").isEqualTo(first);
    assertThat(PseudonymKey.readOrCreate(root.resolve("other/pseudonym.key")))
        .as("another checkout gets another key")
        .isNotEqualTo(first);
  }
}
