package org.chuanbo.clickhouse.local.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.chuanbo.clickhouse.local.engine.NativeStatement;

/**
 * The statement a request asks for, ready for the engine, assembled as ClickHouse assembles it —
 * the {@code query} parameter, a newline, then the body — with an INSERT's data moved into the
 * {@link InsertSpool} and read back through {@code FROM INFILE}.
 */
final class RequestStatement implements AutoCloseable {

  /** How far into a body-only statement to look for its FORMAT / VALUES clause. */
  private static final int HEAD_BYTES_TO_INSPECT = 1 << 16;

  private final NativeStatement statement;
  private final StatementHead head;
  private final InsertSpool.SpooledData spooled;

  private RequestStatement(
      NativeStatement statement, StatementHead head, InsertSpool.SpooledData spooled) {
    this.statement = statement;
    this.head = head;
    this.spooled = spooled;
  }

  static RequestStatement read(
      Optional<String> queryParameter, InputStream body, long declaredLength, InsertSpool spool)
      throws IOException {
    byte[] query = queryParameter.orElse("").getBytes(StandardCharsets.UTF_8);
    PushbackInputStream in = new PushbackInputStream(body, 1);
    int firstByte = in.read();
    boolean hasBody = firstByte >= 0;
    if (hasBody) {
      in.unread(firstByte);
    }
    if (query.length > 0) {
      StatementHead head = StatementHead.of(new String(query, StandardCharsets.ISO_8859_1));
      Optional<StatementHead.InsertData> slot = head.insertData();
      if (hasBody && slot.isPresent() && slot.get().dataAt() >= query.length) {
        // The common INSERT: statement in the URL, data in the body; stream it straight to a file.
        InsertSpool.SpooledData data = spool.spool(in);
        return new RequestStatement(
            fromInfile(NativeStatement.of(queryParameter.get()), slot.get(), data), head, data);
      }
    }
    NativeStatement whole = new NativeStatement(query.length + 1 + Math.max(0, declaredLength));
    whole.append(query, 0, query.length);
    if (hasBody) {
      if (query.length > 0) {
        whole.append("\n");
      }
      whole.appendAll(in);
    }
    StatementHead head = StatementHead.of(whole.bytesAsLatin1(HEAD_BYTES_TO_INSPECT));
    Optional<StatementHead.InsertData> slot = head.insertData();
    if (slot.isEmpty() || slot.get().dataAt() >= whole.length()) {
      return new RequestStatement(whole, head, null);
    }
    try {
      InsertSpool.SpooledData data = spool.spool(whole.tail(slot.get().dataAt()));
      return new RequestStatement(fromInfile(whole, slot.get(), data), head, data);
    } finally {
      whole.release();
    }
  }

  /** {@code INSERT INTO t (…) FROM INFILE 'spooled' [SETTINGS …] FORMAT f}. */
  private static NativeStatement fromInfile(
      NativeStatement original, StatementHead.InsertData slot, InsertSpool.SpooledData data) {
    String sql =
        original.text(0, slot.infileAt())
            + " FROM INFILE '"
            + data.path()
            + "' "
            + original.text(slot.infileAt(), slot.clauseAt())
            + " FORMAT "
            + slot.dataFormat();
    return NativeStatement.of(sql);
  }

  NativeStatement statement() {
    return statement;
  }

  StatementHead head() {
    return head;
  }

  boolean isEmpty() {
    return statement.length() == 0;
  }

  @Override
  public void close() {
    statement.release();
    if (spooled != null) {
      spooled.close();
    }
  }
}
