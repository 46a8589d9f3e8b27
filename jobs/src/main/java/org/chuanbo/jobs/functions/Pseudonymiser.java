package org.chuanbo.jobs.functions;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a user id with a keyed hash (HMAC-SHA-256, first 16 bytes, hex), so stored ids can be
 * counted and joined but not read back or recomputed without the key (DOMAIN.md: user ids are
 * personal data). The same key must be used everywhere, or reach splits one person in two.
 */
public final class Pseudonymiser implements Serializable {

  private final byte[] key;
  private transient Mac mac;

  public Pseudonymiser(String key) {
    if (key == null || key.length() < 16) {
      throw new IllegalArgumentException(
          "the pseudonymisation key must have at least 16 characters");
    }
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  public String pseudonym(String id) {
    if (id == null) {
      return null;
    }
    byte[] digest = hmac(id.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  /**
   * The whole keyed hash of some bytes, hex: identifies a record (a dead letter's original) without
   * letting anyone who lacks the key test guesses against it. A plain SHA-256 would not do: with
   * all but an id's bytes known, a structured id (a set-top box number, a member number) is found
   * by trying every candidate.
   */
  public String keyedDigest(byte[] bytes) {
    return HexFormat.of().formatHex(hmac(bytes));
  }

  private byte[] hmac(byte[] bytes) {
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      }
      return mac.doFinal(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }
}
