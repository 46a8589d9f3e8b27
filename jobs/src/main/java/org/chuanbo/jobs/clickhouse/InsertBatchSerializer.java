package org.chuanbo.jobs.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Checkpoints pending {@link InsertBatch}es, so they are committed even after a restart.
 *
 * <p>Version 2 keeps the rows LZ4-compressed. A checkpoint interval's rows travel inside the
 * checkpoint, and Flink writes operator state byte by byte through several stream layers (the
 * profile of {@code ./chuanbo bench} put two thirds of all snapshot work there); JSON rows shrink
 * several times, for far less work than the bytes saved. Version 1 (uncompressed) still reads, so
 * checkpoints taken before stay restorable.
 */
public final class InsertBatchSerializer implements SimpleVersionedSerializer<InsertBatch> {

  private static final int UNCOMPRESSED = 1;
  private static final int LZ4 = 2;

  private static final LZ4Factory CODEC = LZ4Factory.fastestInstance();

  @Override
  public int getVersion() {
    return LZ4;
  }

  @Override
  public byte[] serialize(InsertBatch batch) throws IOException {
    LZ4Compressor compressor = CODEC.fastCompressor();
    byte[] payload = batch.payload();
    byte[] compressed = new byte[compressor.maxCompressedLength(payload.length)];
    int compressedLength = compressor.compress(payload, 0, payload.length, compressed, 0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(compressedLength + 128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(batch.table());
      out.writeUTF(batch.token());
      out.writeInt(batch.rows());
      out.writeInt(payload.length);
      out.writeInt(compressedLength);
      out.write(compressed, 0, compressedLength);
    }
    return bytes.toByteArray();
  }

  @Override
  public InsertBatch deserialize(int version, byte[] serialized) throws IOException {
    if (version != UNCOMPRESSED && version != LZ4) {
      throw new IOException("unknown InsertBatch serialization version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      String table = in.readUTF();
      String token = in.readUTF();
      int rows = in.readInt();
      byte[] payload = new byte[in.readInt()];
      if (version == UNCOMPRESSED) {
        in.readFully(payload);
      } else {
        byte[] compressed = new byte[in.readInt()];
        in.readFully(compressed);
        LZ4FastDecompressor decompressor = CODEC.fastDecompressor();
        decompressor.decompress(compressed, 0, payload, 0, payload.length);
      }
      return new InsertBatch(table, token, rows, payload);
    }
  }
}
