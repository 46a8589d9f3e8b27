package org.chuanbo.generator;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds raw user and person ids ({@link GeneratedStreamFacts#personalIds()}) in any bytes or text:
 * what the privacy tests search tables, dead letters and logs with. It looks for each id's first
 * {@link #PIECE} characters (the whole id when shorter), not only the whole id: a record cut short
 * may carry the start of one, and that is as raw. The generator's ids all start with a fixed,
 * non-hex prefix ({@code o}, {@code ck_}, {@code stb0774}, {@code dy}, ...), so pseudonyms and
 * event ids (hex) do not match by chance.
 */
public final class RawIdSearch {

  public static final int PIECE = 8;

  /** The pieces looked for, as ISO-8859-1 text of their UTF-8 bytes, each with an id it starts. */
  private final Map<String, String> idByPiece = new HashMap<>();

  private final SortedSet<Integer> lengths = new TreeSet<>();

  private RawIdSearch(Collection<String> ids) {
    for (String id : ids) {
      String piece = id.length() <= PIECE ? id : id.substring(0, PIECE);
      idByPiece.putIfAbsent(latin1(piece.getBytes(StandardCharsets.UTF_8)), id);
    }
    idByPiece.keySet().forEach(piece -> lengths.add(piece.length()));
  }

  public static RawIdSearch of(Collection<String> ids) {
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no ids to look for");
    }
    return new RawIdSearch(ids);
  }

  /** The ids a piece of which occurs in {@code text}. */
  public SortedSet<String> in(String text) {
    return text == null ? new TreeSet<>() : in(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The ids a piece of which occurs in {@code bytes}. */
  public SortedSet<String> in(byte[] bytes) {
    SortedSet<String> found = new TreeSet<>();
    if (bytes == null) {
      return found;
    }
    String text = latin1(bytes);
    for (int length : lengths) {
      for (int i = 0; i + length <= text.length(); i++) {
        String id = idByPiece.get(text.substring(i, i + length));
        if (id != null) {
          found.add(id);
        }
      }
    }
    return found;
  }

  /** One char per byte, so that a byte sequence is found as a substring. */
  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
