package org.chuanbo.clickhouse.local.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the HTTP layer needs to know about a statement before the engine runs it: its first keyword,
 * the format its {@code FORMAT} clause names (which wins over {@code default_format}, so it is the
 * one to announce in {@code X-ClickHouse-Format}), and for an INSERT where its data begins.
 *
 * <p>A small lexer, not a parser: it skips strings, quoted identifiers and comments, and stops
 * where an INSERT's data begins, so data after the statement is never scanned. It reads the bytes
 * as ISO-8859-1, one char per byte, so every offset it reports is a byte offset into the statement.
 *
 * @param firstKeyword the statement's first word, upper case
 * @param format the format named by the top-level FORMAT clause, if any
 * @param insertData where an INSERT's inline data sits, if the statement has a slot for it
 */
record StatementHead(
    String firstKeyword, Optional<String> format, Optional<InsertData> insertData) {

  /**
   * The data slot of {@code INSERT … [SETTINGS …] FORMAT f <data>} or {@code INSERT … VALUES
   * <data>}.
   *
   * @param infileAt where a {@code FROM INFILE} clause belongs (before SETTINGS or FORMAT)
   * @param clauseAt where the FORMAT or VALUES keyword starts
   * @param dataFormat the data's format; {@code Values} for a VALUES clause
   * @param dataAt where the data starts, after the separator ClickHouse skips
   */
  record InsertData(int infileAt, int clauseAt, String dataFormat, int dataAt) {}

  static StatementHead of(CharSequence sql) {
    Lexer lexer = new Lexer(sql);
    String first = "";
    String format = null;
    int depth = 0;
    int settingsAt = -1;
    int formatKeywordAt = -1;
    boolean insertSelects = false;
    for (Token token = lexer.next(); token != null; token = lexer.next()) {
      if (token.text.equals("(")) {
        depth++;
        continue;
      }
      if (token.text.equals(")")) {
        depth = Math.max(0, depth - 1);
        continue;
      }
      if (!token.isWord()) {
        formatKeywordAt = -1;
        continue;
      }
      String word = token.text.toUpperCase(Locale.ROOT);
      if (first.isEmpty()) {
        first = word;
      }
      boolean insert = first.equals("INSERT");
      if (depth == 0 && formatKeywordAt >= 0) {
        format = token.text;
        if (insert) {
          return new StatementHead(
              first,
              Optional.of(format),
              insertSelects
                  ? Optional.empty()
                  : Optional.of(
                      new InsertData(
                          settingsAt >= 0 ? settingsAt : formatKeywordAt,
                          formatKeywordAt,
                          format,
                          skipSeparator(sql, token.end))));
        }
        formatKeywordAt = -1;
        continue;
      }
      formatKeywordAt = depth == 0 && word.equals("FORMAT") ? token.start : -1;
      if (insert && depth == 0) {
        if (word.equals("SELECT") || word.equals("WITH")) {
          insertSelects = true;
        } else if (word.equals("SETTINGS") && settingsAt < 0) {
          settingsAt = token.start;
        } else if (word.equals("VALUES") && !insertSelects) {
          return new StatementHead(
              first,
              Optional.empty(),
              Optional.of(
                  new InsertData(
                      settingsAt >= 0 ? settingsAt : token.start,
                      token.start,
                      "Values",
                      token.end)));
        }
      }
    }
    return new StatementHead(first, Optional.ofNullable(format), Optional.empty());
  }

  /** ClickHouse's rule: data starts after blanks and at most one newline following the format. */
  private static int skipSeparator(CharSequence sql, int at) {
    while (at < sql.length() && " \t\r\f".indexOf(sql.charAt(at)) >= 0) {
      at++;
    }
    if (at < sql.length() && sql.charAt(at) == '\n') {
      at++;
    }
    return at;
  }

  boolean isInsert() {
    return firstKeyword.equals("INSERT");
  }

  /**
   * Whether anything but blanks, comments and semicolons follows a semicolon: a second statement.
   * The engine would run it after the first, so the server's rule — one statement per request — is
   * what lets the access rules judge a request by its one statement.
   */
  static boolean hasSecondStatement(CharSequence sql) {
    Lexer lexer = new Lexer(sql);
    boolean afterSemicolon = false;
    for (Token token = lexer.next(); token != null; token = lexer.next()) {
      if (token.text.equals(";")) {
        afterSemicolon = true;
      } else if (afterSemicolon) {
        return true;
      }
    }
    return false;
  }

  /**
   * The names of the settings the statement sets: {@code SET a = 1, b = 2} and every {@code
   * SETTINGS a = 1} clause, at any depth. A name is a word followed by {@code =} after such a
   * keyword, so a column that happens to be called {@code readonly} in a SELECT is not one.
   */
  static Set<String> settingNames(CharSequence sql) {
    List<Token> tokens = new ArrayList<>();
    Lexer lexer = new Lexer(sql);
    for (Token token = lexer.next(); token != null; token = lexer.next()) {
      tokens.add(token);
    }
    Set<String> names = new HashSet<>();
    boolean inList = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (!token.isWord()) {
        continue;
      }
      String word = token.text.toUpperCase(Locale.ROOT);
      boolean followedByEquals = i + 1 < tokens.size() && tokens.get(i + 1).text.equals("=");
      boolean afterEquals = i > 0 && tokens.get(i - 1).text.equals("=");
      if (word.equals("SETTINGS") || i == 0 && word.equals("SET")) {
        inList = true;
      } else if (inList && followedByEquals) {
        names.add(token.text.toLowerCase(Locale.ROOT));
      } else if (!afterEquals) {
        inList = false;
      }
    }
    return names;
  }

  /**
   * Every word of the statement outside strings, quoted identifiers and comments, upper case: what
   * the access rules look for (INFILE, OUTFILE, the names of the endpoint's limits).
   */
  static Set<String> words(CharSequence sql) {
    Set<String> words = new HashSet<>();
    Lexer lexer = new Lexer(sql);
    for (Token token = lexer.next(); token != null; token = lexer.next()) {
      if (token.isWord()) {
        words.add(token.text.toUpperCase(Locale.ROOT));
      }
    }
    return words;
  }

  private record Token(String text, int start, int end) {
    boolean isWord() {
      char c = text.charAt(0);
      return Character.isLetter(c) || c == '_';
    }
  }

  /** Splits SQL into words, punctuation and skipped literals; null at the end. */
  private static final class Lexer {
    private final CharSequence text;
    private int at;

    Lexer(CharSequence text) {
      this.text = text;
    }

    Token next() {
      while (at < text.length()) {
        char c = text.charAt(at);
        int start = at;
        if (Character.isWhitespace(c)) {
          at++;
        } else if (c == '-' && peek(1) == '-' || c == '#') {
          skipLine();
        } else if (c == '/' && peek(1) == '*') {
          skipBlockComment();
        } else if (c == '\'' || c == '"' || c == '`') {
          skipQuoted(c);
          return new Token("'", start, at);
        } else if (isWordChar(c) && !Character.isDigit(c)) {
          while (at < text.length() && isWordChar(text.charAt(at))) {
            at++;
          }
          return new Token(text.subSequence(start, at).toString(), start, at);
        } else {
          at++;
          return new Token(String.valueOf(c), start, at);
        }
      }
      return null;
    }

    private static boolean isWordChar(char c) {
      return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private char peek(int ahead) {
      return at + ahead < text.length() ? text.charAt(at + ahead) : '\0';
    }

    private void skipLine() {
      while (at < text.length() && text.charAt(at) != '\n') {
        at++;
      }
    }

    private void skipBlockComment() {
      at += 2;
      while (at < text.length() && !(text.charAt(at) == '*' && peek(1) == '/')) {
        at++;
      }
      at = Math.min(text.length(), at + 2);
    }

    private void skipQuoted(char quote) {
      at++;
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == '\\') {
          at++;
        } else if (c == quote) {
          if (peek(0) == quote) {
            at++;
          } else {
            return;
          }
        }
      }
      at = Math.min(at, text.length());
    }
  }
}
