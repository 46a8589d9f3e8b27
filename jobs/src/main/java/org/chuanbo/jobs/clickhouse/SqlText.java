package org.chuanbo.jobs.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough reading of our own migration SQL to rewrite it: where quoted text ({@code '…'},
 * {@code "…"}, {@code `…`}) begins and ends, which parenthesis closes which, where a list splits at
 * its top-level commas, and which {@code db.table} names appear outside quotes. Not a parser of
 * ClickHouse SQL: {@link ClusterMigrations} refuses what it does not recognise rather than guess.
 */
final class SqlText {

  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("(?<![\\w.`])([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)(?![\\w(.])");

  private SqlText() {}

  /** The index just past the quoted text that starts at {@code open} (a quote character). */
  static int skipQuoted(String sql, int open) {
    char quote = sql.charAt(open);
    for (int i = open + 1; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i++;
        } else {
          return i + 1;
        }
      }
    }
    throw new IllegalArgumentException("unterminated " + quote + " quote");
  }

  static boolean isQuote(char c) {
    return c == '\'' || c == '"' || c == '`';
  }

  /** The index of the parenthesis that closes the one at {@code open}. */
  static int closingParenthesis(String sql, int open) {
    if (sql.charAt(open) != '(') {
      throw new IllegalArgumentException("expected '(' at " + open);
    }
    int depth = 0;
    for (int i = open; i < sql.length(); ) {
      char c = sql.charAt(i);
      if (isQuote(c)) {
        i = skipQuoted(sql, i);
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
      i++;
    }
    throw new IllegalArgumentException("unbalanced parentheses");
  }

  /** The items of a comma-separated list, split at commas outside quotes and parentheses. */
  static List<String> topLevelItems(String list) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); ) {
      char c = list.charAt(i);
      if (isQuote(c)) {
        i = skipQuoted(list, i);
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(list.substring(start, i).strip());
        start = i + 1;
      }
      i++;
    }
    String last = list.substring(start).strip();
    if (!last.isEmpty()) {
      items.add(last);
    }
    return items;
  }

  /** Every {@code db.name} outside quotes, in order of appearance (repeats included). */
  static List<String> qualifiedNames(String sql) {
    List<String> names = new ArrayList<>();
    rewriteQualifiedNames(
        sql,
        name -> {
          names.add(name);
          return name;
        });
    return names;
  }

  /**
   * The text with each {@code db.name} outside quotes replaced by what {@code rewrite} returns for
   * it. A name followed by {@code (} is a function ({@code db.f(…)}), not a table, and stays.
   */
  static String rewriteQualifiedNames(String sql, UnaryOperator<String> rewrite) {
    StringBuilder out = new StringBuilder(sql.length() + 32);
    int plainStart = 0;
    for (int i = 0; i < sql.length(); ) {
      if (isQuote(sql.charAt(i))) {
        out.append(rewritePlain(sql.substring(plainStart, i), rewrite));
        int end = skipQuoted(sql, i);
        out.append(sql, i, end);
        plainStart = end;
        i = end;
      } else {
        i++;
      }
    }
    out.append(rewritePlain(sql.substring(plainStart), rewrite));
    return out.toString();
  }

  private static String rewritePlain(String plain, UnaryOperator<String> rewrite) {
    Matcher matcher = QUALIFIED_NAME.matcher(plain);
    StringBuilder out = new StringBuilder(plain.length());
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(rewrite.apply(matcher.group())));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
