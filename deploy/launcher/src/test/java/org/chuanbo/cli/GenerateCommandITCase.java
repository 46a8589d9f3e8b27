package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.StreamFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandITCase {

  @TempDir Path root;

  @Test
  void shouldWriteTheSameStreamForTheSameSeed() throws Exception {
    Path first = root.resolve("first.jsonl");
    Path second = root.resolve("second.jsonl");
    for (Path file : List.of(first, second)) {
      CliProcess.run(
              root,
              "generate",
              "--days",
              "1",
              "--seed",
              "7",
              "--rate",
              "0.05",
              "--start",
              "2026-11-01",
              "--to-file",
              file.toString())
          .expectSuccess();
    }
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    List<OutgoingRecord> records = StreamFile.read(first);
    assertThat(records).hasSizeGreaterThan(1_000);
    assertThat(records)
        .extracting(OutgoingRecord::topic)
        .contains("chuanbo.articles", "chuanbo.events");
  }

  @Test
  void shouldExplainABadDateInOneLine() throws Exception {
    CliProcess bad = CliProcess.run(root, "generate", "--start", "yesterday");
    assertThat(bad.process().exitValue()).isNotZero();
    assertThat(bad.output().strip())
        .startsWith("chuanbo: ")
        .contains("--start")
        .doesNotContain("\n");
  }
}
