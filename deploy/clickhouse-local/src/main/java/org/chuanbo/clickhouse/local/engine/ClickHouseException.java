package org.chuanbo.clickhouse.local.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error the engine reported, with ClickHouse's numeric error code so the HTTP interface can
 * answer with the same status, header and body that a ClickHouse server would.
 */
public class ClickHouseException extends RuntimeException {

  private static final Pattern CODE_PREFIX = Pattern.compile("^Code: (\\d+)\\. ");

  /**
   * ClickHouse's STD_EXCEPTION: the code the server uses for errors without a code of their own.
   */
  public static final int UNKNOWN_CODE = 1001;

  private final int code;

  public ClickHouseException(int code, String message) {
    super(message);
    this.code = code;
  }

  /** Parses the engine's {@code Code: N. DB::Exception: …} text. */
  public static ClickHouseException fromEngineMessage(String message) {
    String text = message.strip();
    Matcher matcher = CODE_PREFIX.matcher(text);
    if (matcher.find()) {
      return new ClickHouseException(Integer.parseInt(matcher.group(1)), text);
    }
    return new ClickHouseException(
        UNKNOWN_CODE, "Code: " + UNKNOWN_CODE + ". DB::Exception: " + text + " (STD_EXCEPTION)");
  }

  /** Builds an error in the server's own wording, e.g. code 516 with "AUTHENTICATION_FAILED". */
  public static ClickHouseException of(int code, String name, String text) {
    return new ClickHouseException(
        code, "Code: " + code + ". DB::Exception: " + text + ". (" + name + ")");
  }

  public int code() {
    return code;
  }
}
