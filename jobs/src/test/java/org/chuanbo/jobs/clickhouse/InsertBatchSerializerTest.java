package org.chuanbo.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InsertBatchSerializerTest {

  private final InsertBatchSerializer serializer = new InsertBatchSerializer();

  private static InsertBatch minuteRows(int rows) {
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      json.append("{\"article_id\":\"hz-2026-")
          .append(i % 40)
          .append("\",\"channel\":\"WECHAT\",\"minute\":\"2026-11-29 08:")
          .append(i % 60)
          .append(":00\",\"views\":")
          .append(i)
          .append(",\"shares\":0}\n");
    }
    return new InsertBatch(
        "chuanbo.article_minute",
        "tok-3-1",
        rows,
        json.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldReadBackWhatItWroteAndKeepTheRowsSmallerThanTheirJson() throws IOException {
    InsertBatch batch = minuteRows(2_000);
    byte[] serialized = serializer.serialize(batch);
    InsertBatch read = serializer.deserialize(serializer.getVersion(), serialized);
    assertThat(read.table()).isEqualTo(batch.table());
    assertThat(read.token()).isEqualTo(batch.token());
    assertThat(read.rows()).isEqualTo(batch.rows());
    assertThat(read.payload()).isEqualTo(batch.payload());
    assertThat(serialized.length)
        .as("compressed in the checkpoint")
        .isLessThan(batch.payload().length / 3);
  }

  @Test
  void shouldReadAnEmptyBatch() throws IOException {
    InsertBatch empty = new InsertBatch("chuanbo.events", "tok-0-0", 0, new byte[0]);
    InsertBatch read = serializer.deserialize(serializer.getVersion(), serializer.serialize(empty));
    assertThat(read.payload()).isEmpty();
    assertThat(read.rows()).isZero();
  }

  /** Checkpoints taken before the compression (version 1) still restore. */
  @Test
  void shouldReadTheUncompressedVersionOne() throws IOException {
    InsertBatch batch = minuteRows(10);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(batch.table());
      out.writeUTF(batch.token());
      out.writeInt(batch.rows());
      out.writeInt(batch.payload().length);
      out.write(batch.payload());
    }
    InsertBatch read = serializer.deserialize(1, bytes.toByteArray());
    assertThat(read.payload()).isEqualTo(batch.payload());
    assertThat(read.token()).isEqualTo(batch.token());
  }

  @Test
  void shouldRefuseAVersionItDoesNotKnow() {
    assertThatThrownBy(() -> serializer.deserialize(3, new byte[8]))
        .hasMessageContaining("unknown InsertBatch serialization version 3");
  }
}
