package org.chuanbo.jobs.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoints pending {@link InsertBatch}es, so they are committed even after a restart. */
public final class InsertBatchSerializer implements SimpleVersionedSerializer<InsertBatch> {

  private static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(InsertBatch batch) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.payload().length + 128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(batch.table());
      out.writeUTF(batch.token());
      out.writeInt(batch.rows());
      out.writeInt(batch.payload().length);
      out.write(batch.payload());
    }
    return bytes.toByteArray();
  }

  @Override
  public InsertBatch deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException("unknown InsertBatch serialization version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      String table = in.readUTF();
      String token = in.readUTF();
      int rows = in.readInt();
      byte[] payload = new byte[in.readInt()];
      in.readFully(payload);
      return new InsertBatch(table, token, rows, payload);
    }
  }
}
