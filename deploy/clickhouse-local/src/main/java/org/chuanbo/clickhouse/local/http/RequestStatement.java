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
  private final String userStatement;
  private final StatementHead head;
  private final InsertSpool.SpooledData spooled;

  private RequestStatement(
      NativeStatement statement,
      String userStatement,
      StatementHead head,
      InsertSpool.SpooledData spooled) {
    this.statement = statement;
    this.userStatement = userStatement;
    this.head = head;
    this.spooled = spooled;
  }

  /**
   * @param marker a comment put first in the text the engine runs, so that the statement can be
   *     found in {@code system.processes} ({@link ClientWatch})
   */
  static RequestStatement read(
      Optional<String> queryParameter,
      InputStream body,
      long declaredLength,
      InsertSpool spool,
      String marker)
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
        NativeStatement original = NativeStatement.of(queryParameter.get());
        try {
          InsertSpool.SpooledData data = spool.spool(in);
          return new RequestStatement(
              fromInfile(marker, original, 0, slot.get(), data),
              withoutData(original, 0, slot.get()),
              head,
              data);
        } finally {
          original.release();
        }
      }
    }
    // The marker goes first, so every offset the head reports already counts it.
    int markerLength = marker.length();
    NativeStatement whole =
        new NativeStatement(markerLength + query.length + 1 + Math.max(0, declaredLength));
    whole.append(marker);
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
      String text = whole.text(markerLength, Math.toIntExact(whole.length()));
      return new RequestStatement(whole, text, head, null);
    }
    try {
      InsertSpool.SpooledData data = spool.spool(whole.tail(slot.get().dataAt()));
      return new RequestStatement(
          fromInfile("", whole, 0, slot.get(), data),
          withoutData(whole, markerLength, slot.get()),
          head,
          data);
    } finally {
      whole.release();
    }
  }

  /** The statement as its user wrote it, up to where its data begins: what access rules judge. */
  private static String withoutData(
      NativeStatement original, int from, StatementHead.InsertData slot) {
    return original.text(from, slot.clauseAt()) + " FORMAT " + slot.dataFormat();
  }

  /** {@code INSERT INTO t (…) FROM INFILE 'spooled' [SETTINGS …] FORMAT f}. */
  private static NativeStatement fromInfile(
      String prefix,
      NativeStatement original,
      int from,
      StatementHead.InsertData slot,
      InsertSpool.SpooledData data) {
    String sql =
        prefix
            + original.text(from, slot.infileAt())
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

  /** The statement without an INSERT's data and without the marker. */
  String userStatement() {
    return userStatement;
  }

  boolean isEmpty() {
    return userStatement.isBlank();
  }

  @Override
  public void close() {
    statement.release();
    if (spooled != null) {
      spooled.close();
    }
  }
}
