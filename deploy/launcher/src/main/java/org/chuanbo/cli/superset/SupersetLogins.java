package org.chuanbo.cli.superset;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code .chuanbo/superset/credentials.properties}: one {@code user=password} line per login, mode
 * 0600, so people's own tools can read them and nobody else on the machine can.
 */
public final class SupersetLogins {

  private SupersetLogins() {}

  public static Properties read(SupersetLayout layout) throws IOException {
    Properties logins = new Properties();
    if (Files.exists(layout.credentials())) {
      try (Reader in = Files.newBufferedReader(layout.credentials(), StandardCharsets.UTF_8)) {
        logins.load(in);
      }
    }
    return logins;
  }

  static void write(SupersetLayout layout, Properties logins) throws IOException {
    StringBuilder text =
        new StringBuilder("# Superset logins of the local stack (user=password)\n");
    new TreeMap<>(logins)
        .forEach((user, password) -> text.append(user).append('=').append(password).append('\n'));
    Files.writeString(layout.credentials(), text, StandardCharsets.UTF_8);
    SupersetServer.restrict(layout.credentials(), "rw-------");
  }
}
