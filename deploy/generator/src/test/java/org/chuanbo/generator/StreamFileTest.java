package org.chuanbo.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.chuanbo.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamFileTest {

  @TempDir Path dir;

  @Test
  void shouldReadBackExactlyTheRecordsItWrote() throws IOException {
    List<OutgoingRecord> records =
        StreamGenerator.generate(GeneratedStreams.DEFAULT_DAY.withRate(0.05));
    Path file = dir.resolve("stream.jsonl");

    assertThat(StreamFile.write(file, records)).isEqualTo(records.size());
    assertThat(StreamFile.read(file)).isEqualTo(records);
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(records.size());
    try (Stream<OutgoingRecord> lazily = StreamFile.lines(file)) {
      assertThat(lazily.limit(3)).containsExactlyElementsOf(records.subList(0, 3));
    }
  }

  @Test
  void shouldWriteOneJsonObjectPerLineWithTheDocumentedFields() {
    OutgoingRecord record =
        new OutgoingRecord(
            Topics.EVENTS,
            "hz-20240304-001".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xC3, 0x01, 0x00, (byte) 0xFF},
            1_709_510_400_123L,
            RecordKind.MALFORMED);

    String line = StreamFile.toLine(record);

    assertThat(line)
        .isEqualTo(
            "{\"topic\":\"chuanbo.events\",\"key\":\"hz-20240304-001\",\"value\":\"wwEA/w==\","
                + "\"sendAtMillis\":1709510400123,\"kind\":\"MALFORMED\"}");
    assertThat(StreamFile.fromLine(line)).isEqualTo(record);
  }

  @Test
  void shouldEscapeKeysThatNeedIt() {
    OutgoingRecord record =
        new OutgoingRecord(
            Topics.ARTICLES,
            "引号\"与\\反斜杠\n".getBytes(StandardCharsets.UTF_8),
            new byte[0],
            0,
            RecordKind.ARTICLE);

    assertThat(StreamFile.fromLine(StreamFile.toLine(record))).isEqualTo(record);
  }

  @Test
  void shouldNameTheLineThatIsNotARecord() throws IOException {
    Path file = dir.resolve("broken.jsonl");
    OutgoingRecord good =
        new OutgoingRecord(Topics.EVENTS, new byte[] {'k'}, new byte[] {1}, 5, RecordKind.EVENT);
    Files.writeString(
        file, StreamFile.toLine(good) + "\n{\"topic\":\"chuanbo.events\",\"key\":\"k\"}\n");

    assertThatThrownBy(() -> StreamFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> StreamFile.fromLine("{\"topic\":1}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StreamFile.fromLine("not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseKeysThatAreNotText() {
    OutgoingRecord record =
        new OutgoingRecord(
            Topics.EVENTS, new byte[] {(byte) 0xFF}, new byte[0], 0, RecordKind.EVENT);

    assertThatThrownBy(() -> StreamFile.toLine(record))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
