package org.chuanbo.cli.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The key that pseudonymises user ids (HMAC-SHA-256) in the local stack: {@code
 * CHUANBO_PSEUDONYM_KEY} when set, else {@code .chuanbo/pseudonym.key}, generated on the first
 * {@code stack up} (32 random bytes, mode 0600) and kept, so that the same person keeps the same
 * pseudonym across restarts. Never in the code or the repository: with a known key and guessable
 * ids (sequential set-top boxes), every stored pseudonym could be reversed.
 */
public final class PseudonymKey {

  static final String VARIABLE = "CHUANBO_PSEUDONYM_KEY";

  private PseudonymKey() {}

  public static String forLocalStack(StackLayout layout) throws IOException {
    String fromEnvironment = System.getenv(VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    return readOrCreate(layout.pseudonymKey());
  }

  static String readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.createDirectories(file.getParent());
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        file,
        HexFormat.of().formatHex(key),
        StandardCharsets.UTF_8,
        StandardOpenOption.TRUNCATE_EXISTING);
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }
}
