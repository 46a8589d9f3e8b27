package org.chuanbo.clickhouse.local.http;

import java.util.Locale;

/** The Content-Type the server sends for each output format. */
final class ResponseContentType {

  private ResponseContentType() {}

  static String of(String format) {
    String name = format.toLowerCase(Locale.ROOT);
    if (name.startsWith("tabseparated") || name.startsWith("tsv")) {
      return "text/tab-separated-values; charset=UTF-8";
    }
    if (name.startsWith("csv")) {
      return "text/csv; charset=UTF-8; header=" + (name.contains("names") ? "present" : "absent");
    }
    if (name.equals("jsoneachrow")
        || name.equals("jsonlines")
        || name.equals("ndjson")
        || name.startsWith("jsoncompacteachrow")
        || name.startsWith("jsonstringseachrow")) {
      return "application/x-ndjson; charset=UTF-8";
    }
    if (name.startsWith("json")) {
      return "application/json; charset=UTF-8";
    }
    if (name.equals("xml")) {
      return "application/xml; charset=UTF-8";
    }
    if (name.startsWith("pretty")
        || name.equals("vertical")
        || name.equals("markdown")
        || name.equals("md")
        || name.equals("values")
        || name.equals("tskv")
        || name.equals("sqlinsert")) {
      return "text/plain; charset=UTF-8";
    }
    return "application/octet-stream";
  }
}
