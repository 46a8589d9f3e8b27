package org.chuanbo.dashboards.console;

/**
 * Text from the tables made safe to print: titles, editors and outlets come from the CMS and the
 * collectors, and a value carrying an escape sequence could rewrite the user's terminal (clear it,
 * move the cursor, set its title, hide text). Every control character — C0 including ESC, DEL and
 * C1 — becomes U+FFFD, so the value stays visible and its length in columns is what is printed.
 */
public final class TerminalText {

  private static final char REPLACEMENT = '\uFFFD';

  private TerminalText() {}

  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
      if (control && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(control ? REPLACEMENT : c);
      }
    }
    return out == null ? text : out.toString();
  }
}
